// Accessible names for what the admin leaves unnamed: the widgets built in the browser (select2's
// autocompletes, the rich-text editor's editable area), the fields of tabular inlines (a column
// header, no label), file inputs whose only label is their fieldset's legend, and the date
// shortcuts whose name leaves out their visible word. Each gets a name from what the page already
// shows; nothing else about the widgets changes.
(function () {
  "use strict";

  let counter = 0;

  function idOf(element) {
    if (!element.id) {
      counter += 1;
      element.id = `accessible-name-${counter}`;
    }
    return element.id;
  }

  function labelFor(id) {
    return id ? document.querySelector(`label[for="${CSS.escape(id)}"]`) : null;
  }

  function name(element, labelIds) {
    if (!element.hasAttribute("aria-label") && labelIds.length) {
      element.setAttribute("aria-labelledby", labelIds.join(" "));
    }
  }

  function columnHeader(field) {
    const cell = field.closest("td");
    const table = cell && cell.closest("table");
    const row = table && table.tHead && table.tHead.rows[0];
    const header = row && row.cells[cell.cellIndex];
    return header && header.textContent.trim() ? header : null;
  }

  function nameAutocomplete(container) {
    const select = container.previousElementSibling;
    const label = select && select.tagName === "SELECT" ? labelFor(select.id) || columnHeader(select) : null;
    if (!label) return;
    const labelId = idOf(label);
    const combobox = container.querySelector(".select2-selection[role=combobox]");
    const rendered = container.querySelector(".select2-selection__rendered");
    if (combobox) {
      // A single choice is named by its label, then the value chosen.
      const single = combobox.classList.contains("select2-selection--single") && rendered && rendered.id;
      combobox.setAttribute("aria-labelledby", single ? `${labelId} ${rendered.id}` : labelId);
    }
    if (rendered && rendered.getAttribute("role") === "textbox") name(rendered, [labelId]);
    if (rendered && rendered.tagName === "UL") {
      // Chosen items and the search box are one group of the combobox, not a list of the page.
      rendered.setAttribute("role", "presentation");
      rendered.querySelectorAll(":scope > *").forEach((child) => child.setAttribute("role", "presentation"));
    }
    container.querySelectorAll(".select2-search__field").forEach((field) => name(field, [labelId]));
  }

  function nameOpenSearch() {
    // The search box of an open single autocomplete sits in a dropdown at the end of the page.
    const open = document.querySelector(".select2-container--open .select2-selection[aria-labelledby]");
    const search = document.querySelector(".select2-dropdown .select2-search__field");
    if (open && search) name(search, open.getAttribute("aria-labelledby").split(" ").slice(0, 1));
  }

  function nameRichText(editable) {
    const editor = editable.closest(".prose-editor");
    const textarea = editor && editor.querySelector("textarea");
    const label = textarea ? labelFor(textarea.id) : null;
    if (label) editable.setAttribute("aria-labelledby", idOf(label));
  }

  function nameInlineField(field) {
    if (field.type === "hidden" || labelFor(field.id) || field.hasAttribute("aria-label")) return;
    const header = columnHeader(field);
    if (header) field.setAttribute("aria-label", header.textContent.trim());
  }

  function nameFileInput(field) {
    if (labelFor(field.id)) return;
    const legend = field.closest("fieldset") && field.closest("fieldset").querySelector(":scope > legend");
    if (legend) name(field, [idOf(legend)]);
  }

  function nameShortcut(link) {
    // Django's date shortcuts label "Today" in English where its catalogue lacks the words
    // ("Today (2 December)" beside a visible "Сегодня"): the visible word comes first.
    const text = link.textContent.trim();
    const label = link.getAttribute("aria-label");
    if (text && !label.includes(text)) {
      const detail = label.match(/\(.*\)$/);
      link.setAttribute("aria-label", detail ? `${text} ${detail[0]}` : text);
    }
  }

  function nameAll(root) {
    root.querySelectorAll(".select2-container").forEach(nameAutocomplete);
    root.querySelectorAll(".prose-editor [contenteditable]").forEach(nameRichText);
    root.querySelectorAll(".tabular td input, .tabular td select, .tabular td textarea").forEach(nameInlineField);
    root.querySelectorAll("fieldset input[type=file]").forEach(nameFileInput);
    root.querySelectorAll(".datetimeshortcuts a[aria-label]").forEach(nameShortcut);
    nameOpenSearch();
  }

  let pending = false;
  const observer = new MutationObserver(() => {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      nameAll(document);
    });
  });

  function start() {
    nameAll(document);
    observer.observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
