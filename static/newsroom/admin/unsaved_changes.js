// The workflow buttons and link suggestions on the article page are forms of their own: posting
// one reloads the page, and edits not yet saved in the article form would be lost. Ask first.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const articleForm = document.getElementById("article_form");
  if (!articleForm) {
    return;
  }
  let unsaved = false;
  const markUnsaved = () => {
    unsaved = true;
  };
  articleForm.addEventListener("input", markUnsaved);
  articleForm.addEventListener("change", markUnsaved);
  articleForm.addEventListener("submit", () => {
    unsaved = false;
  });
  for (const form of document.querySelectorAll(".workflow-panel form, .link-suggestions form")) {
    form.addEventListener("submit", (event) => {
      const message =
        "Your changes to the article are not saved, and would be lost. " +
        "Press Cancel, then save the article first; or press OK to go on without them.";
      if (unsaved && !window.confirm(message)) {
        event.preventDefault();
      }
    });
  }
});
