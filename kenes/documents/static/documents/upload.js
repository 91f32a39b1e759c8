// Drag and drop onto the upload form's drop zone. Without this file the plain multiple
// file input works as it is; no inline script anywhere (the Content-Security-Policy forbids it).
(() => {
  const zone = document.querySelector("[data-drop-zone]");
  if (!zone) return;
  const input = zone.querySelector("input[type=file]");
  const list = zone.querySelector("[data-chosen-files]");
  if (!input || !list || typeof DataTransfer === "undefined") return;
  zone.classList.add("enhanced");

  const show = () => {
    list.replaceChildren(...Array.from(input.files).map((file) => {
      const item = document.createElement("li");
      // textContent, never innerHTML: a file name is whatever the sender chose.
      item.textContent = `${file.name} (${Math.max(1, Math.round(file.size / 1024))} KB)`;
      return item;
    }));
  };

  const add = (files) => {
    const all = new DataTransfer();
    const seen = new Set();
    for (const file of [...Array.from(input.files), ...Array.from(files)]) {
      const key = `${file.name}:${file.size}:${file.lastModified}`;
      if (!seen.has(key)) { seen.add(key); all.items.add(file); }
    }
    input.files = all.files;
    show();
  };

  ["dragenter", "dragover"].forEach((name) => zone.addEventListener(name, (event) => {
    event.preventDefault();
    zone.classList.add("dragging");
  }));
  ["dragleave", "dragend"].forEach((name) => zone.addEventListener(name, (event) => {
    if (!zone.contains(event.relatedTarget)) zone.classList.remove("dragging");
  }));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.classList.remove("dragging");
    if (event.dataTransfer && event.dataTransfer.files.length) add(event.dataTransfer.files);
  });
  input.addEventListener("change", show);
})();
