// The live preview beside the article form (templates/admin/newsroom/article/live_preview.html):
// the unsaved form is posted into a sandboxed frame, which the server answers with the public page
// without saving anything; again after a pause in typing, or when Refresh is pressed.
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("article_form");
  const panel = document.getElementById("live-preview");
  const opener = document.querySelector(".live-preview-opener");
  if (!form || !panel || !opener) return;
  const toggle = opener.querySelector(".live-preview-toggle");
  const frame = panel.querySelector("[data-live-preview-frame]");
  const viewport = panel.querySelector("[data-live-preview-viewport]");
  const lowVision = panel.querySelector("[data-live-preview-low-vision]");
  const status = panel.querySelector("[data-live-preview-status]");
  const WIDTHS = { desktop: 1280, phone: 390 };
  const PAUSE_MS = 1200;
  let timer = null;

  opener.hidden = false;

  function fit() {
    const chosen = panel.querySelector("input[name=live-preview-width]:checked").value;
    const width = WIDTHS[chosen];
    const scale = Math.min(1, viewport.clientWidth / width);
    frame.style.width = `${width}px`;
    frame.style.height = `${viewport.clientHeight / scale}px`;
    frame.style.transform = `scale(${scale})`;
    panel.dataset.width = chosen;
  }

  function refresh() {
    clearTimeout(timer);
    if (panel.hidden) return;
    const saved = { action: form.getAttribute("action"), target: form.getAttribute("target") };
    const extra = document.createElement("input");
    extra.type = "hidden";
    extra.name = "_low_vision";
    extra.value = lowVision.checked ? "1" : "";
    form.append(extra);
    form.setAttribute("action", panel.dataset.url);
    form.setAttribute("target", frame.name);
    status.textContent = status.dataset.refreshing;
    // submit() sends the form without its submit event: the page stays, and so do the edits.
    HTMLFormElement.prototype.submit.call(form);
    extra.remove();
    for (const [name, value] of Object.entries(saved)) {
      if (value === null) form.removeAttribute(name);
      else form.setAttribute(name, value);
    }
  }

  function later() {
    clearTimeout(timer);
    if (!panel.hidden) timer = setTimeout(refresh, PAUSE_MS);
  }

  function show(open) {
    panel.hidden = !open;
    document.body.classList.toggle("live-preview-open", open);
    toggle.setAttribute("aria-expanded", String(open));
    if (open) {
      fit();
      refresh();
      panel.querySelector("[data-live-preview-refresh]").focus();
    } else {
      toggle.focus();
    }
  }

  toggle.addEventListener("click", () => show(panel.hidden));
  panel.querySelector("[data-live-preview-close]").addEventListener("click", () => show(false));
  panel.querySelector("[data-live-preview-refresh]").addEventListener("click", refresh);
  panel.querySelectorAll("input[name=live-preview-width]").forEach((input) => input.addEventListener("change", fit));
  lowVision.addEventListener("change", refresh);
  frame.addEventListener("load", () => {
    if (!panel.hidden) status.textContent = status.dataset.refreshed;
  });
  form.addEventListener("input", later);
  form.addEventListener("change", later);
  document.addEventListener("prose-editor:ready", (event) => event.detail.editor.on("update", later));
  window.addEventListener("resize", () => panel.hidden || fit());
});
