// Clicking the image preview on the image change page sets the focal point fields.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const picker = document.querySelector(".focal-point-picker");
  const fieldX = document.getElementById("id_focal_x");
  const fieldY = document.getElementById("id_focal_y");
  if (!picker || !fieldX || !fieldY) {
    return;
  }
  const marker = picker.querySelector(".focal-point-marker");
  const show = () => {
    marker.style.left = `${Number(fieldX.value) * 100}%`;
    marker.style.top = `${Number(fieldY.value) * 100}%`;
  };
  picker.querySelector("img").addEventListener("click", (event) => {
    const box = event.currentTarget.getBoundingClientRect();
    fieldX.value = ((event.clientX - box.left) / box.width).toFixed(3);
    fieldY.value = ((event.clientY - box.top) / box.height).toFixed(3);
    show();
  });
  fieldX.addEventListener("input", show);
  fieldY.addEventListener("input", show);
  show();
});
