// Review keys as annotators know them from Prodigy: a accept, x reject, space skip, backspace undo.
// Every action is a real form button, so the page works without this file (CSP: no inline script).
(function () {
  "use strict";

  const proposals = () => Array.from(document.querySelectorAll("article.proposal"));
  let current = null;

  function highlightSpan(anchorId, scroll) {
    document.querySelectorAll("mark.current").forEach((mark) => mark.classList.remove("current"));
    const anchor = anchorId && document.getElementById(anchorId);
    if (!anchor) return;
    const [, start, end] = anchorId.split("-").map(Number);
    // The marks after the anchor that belong to this span: walk until the span's length is covered.
    let covered = 0;
    let node = anchor.nextSibling;
    while (node && covered < end - start) {
      if (node.nodeType === Node.ELEMENT_NODE && node.matches("mark.ev")) {
        node.classList.add("current");
        covered += node.textContent.length;
      } else if (node.nodeType === Node.TEXT_NODE) {
        covered += node.textContent.length;
      }
      node = node.nextSibling;
    }
    if (scroll) anchor.nextElementSibling?.scrollIntoView({ block: "center", behavior: "smooth" });
  }

  function select(proposal, focus) {
    if (!proposal) return;
    proposals().forEach((p) => p.classList.toggle("current", p === proposal));
    current = proposal;
    highlightSpan(proposal.dataset.span, true);
    if (focus) {
      proposal.focus({ preventScroll: true });
      proposal.scrollIntoView({ block: "nearest" });
    }
  }

  function next(from) {
    const list = proposals();
    if (!list.length) return null;
    const index = list.indexOf(from);
    return list[(index + 1) % list.length];
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (!document.querySelector(".review-layout")) return;
    const proposal = event.target.closest("article.proposal") || current;
    if (event.key === "Backspace") {
      const undo = document.getElementById("undo-last-form");
      if (undo) { event.preventDefault(); undo.requestSubmit(); }
      return;
    }
    if (!proposal) return;
    if (event.key === "a") {
      const linked = proposal.querySelector("input[type=radio]:checked:not([value=new])");
      const button = proposal.querySelector(linked ? "button[data-key=link]" : "button[data-key=accept-new]");
      if (button) { event.preventDefault(); button.click(); }
    } else if (event.key === "x") {
      event.preventDefault();
      proposal.querySelector("button[data-key=reject]").click();
    } else if (event.key === " " && (event.target === proposal || event.target === document.body)) {
      event.preventDefault();
      select(next(proposal), true);
    }
  });

  document.addEventListener("click", (event) => {
    const toSpan = event.target.closest("a.to-span");
    if (toSpan) {
      event.preventDefault();
      const id = toSpan.getAttribute("href").slice(1);
      history.replaceState(null, "", "#" + id);
      const proposal = toSpan.closest("article.proposal");
      if (proposal) select(proposal, false); else highlightSpan(id, true);
      return;
    }
    const mark = event.target.closest("mark.ev[data-mentions]");
    if (mark) {
      const first = mark.dataset.mentions.split(" ").map((id) => document.getElementById("mention-" + id)).find(Boolean);
      if (first) select(first, true);
      return;
    }
    const proposal = event.target.closest("article.proposal");
    if (proposal && proposal !== current) select(proposal, false);
    if (event.target.matches("[data-select-all]")) {
      const boxes = document.querySelectorAll("input[name=mentions][form=bulk-form]");
      const all = Array.from(boxes).every((box) => box.checked);
      boxes.forEach((box) => { box.checked = !all; });
    }
  });

  function start() {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("span-")) {
      highlightSpan(hash, true);
      return;
    }
    const target = hash.startsWith("mention-") ? document.getElementById(hash) : null;
    select(target || proposals()[0], true);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start); else start();
  window.addEventListener("hashchange", () => {
    const hash = decodeURIComponent(location.hash.slice(1));
    if (hash.startsWith("span-")) highlightSpan(hash, true);
  });
})();
