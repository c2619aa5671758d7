// The admin's rich-text editor (core/richtext.py), once django-prose-editor has made it: spelling
// is checked in the language chosen in the form, and the picture button opens the library's chooser
// (static/core/image_chooser.js), inserting a figure with the picture, its caption and its credit.
"use strict";

(() => {
  function followLanguage(editor, textarea) {
    const element = editor.view.dom;
    element.setAttribute("spellcheck", "true");
    const select = textarea.form?.elements[textarea.dataset.languageField];
    const apply = () => {
      const language = select?.value || document.documentElement.lang;
      if (language) element.setAttribute("lang", language);
    };
    apply();
    select?.addEventListener("change", apply);
  }

  function figureOf(image) {
    const caption = [image.caption, image.credit].filter(Boolean).join(" — ");
    const content = [
      { type: "image", attrs: { src: image.src, alt: image.alt, width: image.width, height: image.height, file: String(image.id) } },
    ];
    if (caption) content.push({ type: "caption", content: [{ type: "text", text: caption }] });
    return { type: "figure", content };
  }

  // The editor draws its menu bar just after it says it is ready: wait for it.
  function whenMenubar(textarea, then, frames = 120) {
    const menubar = textarea.closest(".prose-editor")?.querySelector(".prose-menubar");
    if (menubar) then(menubar);
    else if (frames > 0) requestAnimationFrame(() => whenMenubar(textarea, then, frames - 1));
  }

  function addPictureButton(editor, textarea, menubar) {
    const url = textarea.dataset.imageChooser;
    if (!url) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "prose-menubar__button material-icons image-chooser-button";
    button.textContent = "add_photo_alternate";
    button.title = textarea.dataset.imageButtonLabel;
    button.setAttribute("aria-label", textarea.dataset.imageButtonLabel);
    const choose = () => {
      const { from } = editor.state.selection;
      window.imageChooser.open(url, (image) => {
        editor.chain().focus().setTextSelection(from).insertContent(figureOf(image)).run();
      });
    };
    button.addEventListener("click", choose);
    // The editor's own figure button asks for a picture's address: it opens the chooser instead.
    menubar.addEventListener(
      "click",
      (event) => {
        const own = event.target.closest(".prose-menubar__button");
        if (own && own.textContent.trim() === "image") {
          event.preventDefault();
          event.stopImmediatePropagation();
          choose();
        }
      },
      true,
    );
    // Beside the editor's own menu bar, which redraws its buttons (and would drop ours) as the text changes.
    const toolbar = document.createElement("div");
    toolbar.className = "richtext-tools";
    toolbar.append(button);
    menubar.after(toolbar);
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    followLanguage(editor, textarea);
    whenMenubar(textarea, (menubar) => addPictureButton(editor, textarea, menubar));
  });
})();
