// Small progressive enhancements; every page works without them.
// No inline scripts anywhere: the Content-Security-Policy allows scripts from our own files only.
document.documentElement.classList.add("js");

document.addEventListener("change", (event) => {
  if (event.target.matches("[data-autosubmit]")) event.target.form.submit();
});

// The phone menu: one real button that says whether the menu it controls is open.
document.addEventListener("click", (event) => {
  const toggle = event.target.closest(".menu-toggle");
  if (toggle) {
    const menu = document.getElementById(toggle.getAttribute("aria-controls"));
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    menu.classList.toggle("open", open);
    return;
  }
  // A click elsewhere closes the account menu, as menus do.
  document.querySelectorAll("details.account-menu[open]").forEach((details) => {
    if (!details.contains(event.target)) details.removeAttribute("open");
  });
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape") return;
  document.querySelectorAll("details.account-menu[open]").forEach((details) => {
    details.removeAttribute("open");
    details.querySelector("summary").focus();
  });
  const toggle = document.querySelector(".menu-toggle[aria-expanded=true]");
  if (toggle && document.getElementById(toggle.getAttribute("aria-controls")).contains(document.activeElement)) {
    toggle.click();
    toggle.focus();
  }
});

// Copy buttons: data-copy names the field whose text goes to the clipboard; a status line says so.
document.addEventListener("click", async (event) => {
  const button = event.target.closest("[data-copy]");
  if (!button) return;
  const field = document.querySelector(button.dataset.copy);
  if (!field) return;
  field.select();
  try {
    await navigator.clipboard.writeText(field.value);
  } catch {
    document.execCommand("copy"); // the Clipboard API needs HTTPS; the selection still works
  }
  const status = button.closest(".copy-field")?.querySelector("[data-copy-status]");
  if (status) status.textContent = button.dataset.copied;
});
