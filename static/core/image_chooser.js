// The picture chooser (newsroom/admin/image_chooser.py): a modal <dialog> over the image library
// with search, pages of thumbnails and an upload form. window.imageChooser.open(url, onChosen)
// calls onChosen with the chosen or uploaded picture ({id, src, alt, caption, credit, …}).
// The lead-image fields (.image-chooser-field-widget) use it too.
"use strict";

(() => {
  let dialog = null;
  let chosen = null;
  let returnFocus = null;
  let baseUrl = "";

  function ensureDialog() {
    if (dialog) return dialog;
    dialog = document.createElement("dialog");
    dialog.className = "image-chooser";
    dialog.setAttribute("aria-labelledby", "image-chooser-title");
    document.body.append(dialog);
    dialog.addEventListener("click", onClick);
    dialog.addEventListener("submit", onSubmit);
    dialog.addEventListener("close", () => returnFocus?.focus());
    return dialog;
  }

  async function fetchHtml(url) {
    const response = await fetch(url, { headers: { Accept: "text/html" }, credentials: "same-origin" });
    if (!response.ok) throw new Error(`${response.status}`);
    return response.text();
  }

  async function showResults(params) {
    const url = new URL(baseUrl, window.location.href);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set("results", "1");
    const results = dialog.querySelector("[data-chooser-results]");
    results.innerHTML = await fetchHtml(url);
    results.querySelector(".image-choice, [data-chooser-page]")?.focus();
  }

  function choose(image) {
    dialog.close();
    chosen?.(image);
  }

  function onClick(event) {
    const choice = event.target.closest(".image-choice");
    if (choice) {
      choose(JSON.parse(choice.dataset.image));
      return;
    }
    const page = event.target.closest("[data-chooser-page]");
    if (page) {
      const query = dialog.querySelector("#image-chooser-query").value;
      showResults({ q: query, page: page.dataset.chooserPage });
      return;
    }
    if (event.target.closest("[data-chooser-close]")) dialog.close();
  }

  function showErrors(form, errors) {
    form.querySelectorAll("[data-errors-for]").forEach((element) => {
      element.textContent = (errors[element.dataset.errorsFor] || []).join(" ");
    });
    let first = null;
    form.querySelectorAll("input, select, textarea").forEach((field) => {
      const invalid = Boolean(errors[field.name]);
      field.toggleAttribute("aria-invalid", invalid);
      if (invalid) {
        field.setAttribute("aria-invalid", "true");
        const described = new Set((field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
        described.add(`${field.id}_errors`);
        field.setAttribute("aria-describedby", [...described].join(" "));
        first = first || field;
      }
    });
    first?.focus();
  }

  async function upload(form) {
    const button = form.querySelector("[type=submit]");
    button.disabled = true;
    try {
      const response = await fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      });
      const answer = await response.json().catch(() => ({ errors: { __all__: [form.dataset.failed] } }));
      if (response.ok) {
        form.reset();
        choose(answer.image);
      } else {
        showErrors(form, answer.errors || { __all__: [form.dataset.failed] });
      }
    } catch {
      showErrors(form, { __all__: [form.dataset.failed] });
    } finally {
      button.disabled = false;
    }
  }

  function onSubmit(event) {
    event.preventDefault();
    const form = event.target;
    if (form.matches("[data-chooser-search]")) showResults({ q: form.elements.q.value });
    else if (form.matches("[data-chooser-upload]")) upload(form);
  }

  async function open(url, onChosen) {
    ensureDialog();
    returnFocus = document.activeElement;
    chosen = onChosen;
    baseUrl = url;
    dialog.replaceChildren(); // nothing of a previous opening stays, typed values included
    dialog.innerHTML = await fetchHtml(url);
    dialog.showModal();
    dialog.querySelector("#image-chooser-query")?.focus();
  }

  window.imageChooser = { open };

  function show(field, image) {
    const input = field.querySelector("[data-chooser-value]");
    const thumbnail = field.querySelector("[data-chooser-thumbnail]");
    const label = field.querySelector("[data-chooser-label]");
    input.value = image ? image.id : "";
    thumbnail.hidden = !image;
    thumbnail.src = image ? image.thumbnail : "";
    label.textContent = image ? image.label : label.dataset.empty;
    field.querySelector("[data-chooser-clear]").hidden = !image;
    input.dispatchEvent(new Event("change", { bubbles: true }));
  }

  // Listened to on the document, so that the rows an inline adds ("Add another") have their chooser too.
  document.addEventListener("click", (event) => {
    const field = event.target.closest(".image-chooser-field-widget");
    if (!field) return;
    if (event.target.closest("[data-chooser-open]")) open(field.dataset.imageChooser, (image) => show(field, image));
    else if (event.target.closest("[data-chooser-clear]")) show(field, null);
  });
})();
