// The application form starts with the browser's own time zone, when the list has it.
document.querySelectorAll("select[data-browser-time-zone]").forEach((select) => {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (zone && !select.dataset.changed && [...select.options].some((option) => option.value === zone)) {
    select.value = zone;
  }
});
