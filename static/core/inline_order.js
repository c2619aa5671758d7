// Reorders the rows of an admin inline whose order field is hidden (core/ordering.py): drag a row
// by its handle (mouse, pen or touch), or press its move up / move down buttons (keyboard); each
// move is announced in a live region, and the order numbers follow the rows' places.
"use strict";

(() => {
  // A tabular inline's rows are table rows (its .inline-related wraps the whole table); a stacked one's, blocks.
  const TABULAR_ROWS = "tr.form-row:not(.empty-form)";
  const STACKED_ROWS = ".inline-related:not(.empty-form)";

  const format = (template, values) => template.replace(/%\((\w+)\)s/g, (_all, key) => values[key]);
  const orderInput = (row) => row.querySelector("input[data-inline-order]");

  function rowsOf(group) {
    const selector = group.querySelector("table") ? TABULAR_ROWS : STACKED_ROWS;
    return Array.from(group.querySelectorAll(selector)).filter((row) => orderInput(row) && !row.id.endsWith("-empty"));
  }

  function isBlank(row) {
    const id = row.querySelector('input[name$="-id"]');
    if (id && id.value) return false;
    const fields = row.querySelectorAll(
      "select, textarea, input:not([type=hidden]):not([type=checkbox]), input[data-chooser-value]",
    );
    return Array.from(fields).every((field) => !field.value);
  }

  function renumber(group) {
    let position = 0;
    for (const row of rowsOf(group)) {
      if (!isBlank(row)) orderInput(row).value = String(position++);
    }
  }

  function rowName(row, labels) {
    // A row with a picture is named by it, before any choice such as its licence.
    const picture = row.querySelector("[data-chooser-value]");
    if (picture && picture.value) return row.querySelector("[data-chooser-label]").textContent.trim();
    const chosen = row.querySelector("select option:checked");
    if (chosen && chosen.value) return chosen.textContent.trim();
    const text = row.querySelector('input[type=text]:not([value=""]), input[type=text]');
    if (text && text.value) return text.value;
    return format(labels.rowLabel, { position: rowsOf(row.closest(".inline-group")).indexOf(row) + 1 });
  }

  function announce(group, row, labels) {
    const rows = rowsOf(group);
    group.querySelector(".inline-order-status").textContent = format(labels.movedLabel, {
      item: rowName(row, labels),
      position: rows.indexOf(row) + 1,
      count: rows.length,
    });
  }

  function move(group, row, step, labels, focus) {
    const rows = rowsOf(group);
    const target = rows[rows.indexOf(row) + step];
    if (!target) return;
    target.parentNode.insertBefore(row, step < 0 ? target : target.nextSibling);
    renumber(group);
    announce(group, row, labels);
    if (focus) focus.focus();
  }

  function button(text, className, onPress) {
    const element = document.createElement("button");
    element.type = "button";
    element.className = `inline-order-button ${className}`;
    element.setAttribute("aria-label", text);
    element.title = text;
    element.textContent = className === "inline-order-up" ? "▲" : "▼";
    element.addEventListener("click", onPress);
    return element;
  }

  function dragFrom(handle, group, row, labels) {
    handle.addEventListener("pointerdown", (event) => {
      event.preventDefault();
      // Followed on the document: moving the row in the page would end a pointer capture.
      row.classList.add("inline-order-dragging");
      const follow = (moveEvent) => {
        for (const other of rowsOf(group)) {
          if (other === row) continue;
          const box = other.getBoundingClientRect();
          const middle = box.top + box.height / 2;
          const before = row.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_PRECEDING;
          if (before && moveEvent.clientY < middle) {
            other.parentNode.insertBefore(row, other);
            break;
          }
          if (!before && moveEvent.clientY > middle) other.parentNode.insertBefore(row, other.nextSibling);
        }
      };
      const drop = () => {
        document.removeEventListener("pointermove", follow);
        row.classList.remove("inline-order-dragging");
        renumber(group);
        announce(group, row, labels);
      };
      document.addEventListener("pointermove", follow);
      document.addEventListener("pointerup", drop, { once: true });
    });
  }

  function setUpRow(group, row, labels) {
    if (row.querySelector(".inline-order-cell")) return;
    const cell = document.createElement(row.tagName === "TR" ? "td" : "div");
    cell.className = "inline-order-cell";
    const handle = document.createElement("span");
    handle.className = "inline-order-handle";
    handle.title = labels.dragLabel;
    handle.setAttribute("aria-hidden", "true");
    handle.textContent = "⠿";
    const up = button(labels.upLabel, "inline-order-up", () => move(group, row, -1, labels, up));
    const down = button(labels.downLabel, "inline-order-down", () => move(group, row, 1, labels, down));
    cell.append(handle, up, down);
    row.prepend(cell);
    dragFrom(handle, group, row, labels);
  }

  function setUpGroup(group) {
    if (group.dataset.inlineOrder === "ready") return;
    const input = group.querySelector("input[data-inline-order]");
    if (!input) return;
    group.dataset.inlineOrder = "ready";
    const labels = { ...input.dataset };
    const status = document.createElement("div");
    status.className = "inline-order-status";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    group.append(status);
    const header = group.querySelector("thead tr");
    if (header) {
      const column = document.createElement("th");
      column.className = "inline-order-column";
      column.textContent = labels.columnLabel;
      header.prepend(column);
      group.querySelectorAll("tr.add-row td[colspan]").forEach((cell) => {
        cell.colSpan += 1;
      });
    }
    rowsOf(group).forEach((row) => setUpRow(group, row, labels));
    group.closest("form")?.addEventListener("submit", () => renumber(group), true);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll(".inline-group").forEach(setUpGroup);
  });
  // Django copies the inline's empty template row for "Add another": it gets its buttons here.
  document.addEventListener("formset:added", (event) => {
    const group = event.target.closest(".inline-group");
    const input = group?.querySelector("input[data-inline-order]");
    if (input && group.dataset.inlineOrder === "ready") setUpRow(group, event.target, { ...input.dataset });
  });
})();
