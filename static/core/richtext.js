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

  function addPictureButton(editor, textarea) {
    const url = textarea.dataset.imageChooser;
    const menubar = textarea.closest(".prose-editor")?.querySelector(".prose-menubar");
    if (!url || !menubar) return;
    const button = document.createElement("button");
    button.type = "button";
    button.className = "prose-menubar__button material-icons image-chooser-button";
    button.textContent = "add_photo_alternate";
    button.title = textarea.dataset.imageButtonLabel;
    button.setAttribute("aria-label", textarea.dataset.imageButtonLabel);
    button.addEventListener("click", () => {
      const { from } = editor.state.selection;
      window.imageChooser.open(url, (image) => {
        editor.chain().focus().setTextSelection(from).insertContent(figureOf(image)).run();
      });
    });
    const group = document.createElement("div");
    group.className = "prose-menubar__group";
    group.append(button);
    menubar.append(group);
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    followLanguage(editor, textarea);
    addPictureButton(editor, textarea);
  });
})();
