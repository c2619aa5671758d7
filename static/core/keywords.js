// Suggests existing keywords, with how often each is used, in a comma-separated keyword field
// (core/keywords.py): an ARIA combobox, driven by the arrow keys, Enter and Escape, or the mouse.
"use strict";

(() => {
  const DELAY_MS = 200;

  function currentKeyword(input) {
    const caret = input.selectionStart ?? input.value.length;
    const start = input.value.lastIndexOf(",", caret - 1) + 1;
    const next = input.value.indexOf(",", caret);
    const end = next < 0 ? input.value.length : next;
    return { start, end, text: input.value.slice(start, end).trim() };
  }

  function setUp(input) {
    const listbox = document.createElement("ul");
    listbox.id = `${input.id}-suggestions`;
    listbox.className = "keyword-suggestions";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", input.labels?.[0]?.textContent.replace(/:\s*$/, "") || input.name);
    listbox.hidden = true;
    const wrapper = document.createElement("span");
    wrapper.className = "keyword-field";
    input.replaceWith(wrapper);
    wrapper.append(input, listbox);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);

    let active = -1;
    let timer = null;
    let asked = 0;

    const options = () => Array.from(listbox.children);

    function close() {
      listbox.hidden = true;
      listbox.replaceChildren();
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function highlight(index) {
      const all = options();
      all.forEach((option, position) => option.setAttribute("aria-selected", String(position === index)));
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", all[index].id);
        all[index].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(name) {
      const { start, end } = currentKeyword(input);
      const before = input.value.slice(0, start).trimEnd();
      const after = input.value.slice(end).replace(/^\s*,?\s*/, "");
      const chosen = `${before ? `${before} ` : ""}${name}, `;
      input.value = chosen + after;
      input.setSelectionRange(chosen.length, chosen.length);
      input.dispatchEvent(new Event("input", { bubbles: true }));
      close();
      input.focus();
    }

    function show(keywords) {
      listbox.replaceChildren();
      keywords.forEach((keyword, index) => {
        const option = document.createElement("li");
        option.id = `${listbox.id}-${index}`;
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.dataset.name = keyword.name;
        const name = document.createElement("span");
        name.textContent = keyword.name;
        const count = document.createElement("span");
        count.className = "keyword-count";
        count.textContent = ` (${keyword.count})`;
        option.append(name, count);
        // mousedown, not click: the field keeps its focus, so the list is not closed first.
        option.addEventListener("mousedown", (event) => {
          event.preventDefault();
          choose(keyword.name);
        });
        listbox.append(option);
      });
      listbox.hidden = keywords.length === 0;
      input.setAttribute("aria-expanded", String(keywords.length > 0));
      active = -1;
    }

    async function suggest() {
      const { text } = currentKeyword(input);
      if (!text) {
        close();
        return;
      }
      const number = ++asked;
      const url = new URL(input.dataset.keywordSuggestions, window.location.href);
      url.searchParams.set("q", text);
      const response = await fetch(url, { headers: { Accept: "application/json" } });
      if (!response.ok || number !== asked) return;
      const { keywords } = await response.json();
      const typed = input.value.split(",").map((part) => part.trim().toLowerCase());
      show(keywords.filter((keyword) => !typed.includes(keyword.name.toLowerCase()) || keyword.name.toLowerCase() === text.toLowerCase()));
    }

    input.addEventListener("input", (event) => {
      if (!event.isTrusted) return;
      clearTimeout(timer);
      timer = setTimeout(suggest, DELAY_MS);
    });
    input.addEventListener("keydown", (event) => {
      const all = options();
      if (event.key === "ArrowDown" && all.length) {
        event.preventDefault();
        highlight((active + 1) % all.length);
      } else if (event.key === "ArrowUp" && all.length) {
        event.preventDefault();
        highlight(active <= 0 ? all.length - 1 : active - 1);
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault(); // chooses the keyword rather than submitting the form
        choose(all[active].dataset.name);
      } else if (event.key === "Escape" && !listbox.hidden) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", close);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("input[data-keyword-suggestions]").forEach(setUp);
  });
})();
