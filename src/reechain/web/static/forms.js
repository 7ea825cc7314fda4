// Forms with rows (add / remove a party or a line) and fields shown per choice (a stock policy's model).
// Without JavaScript the forms still work: the rows on the page are sent, every field is shown.
"use strict";
(function () {
  function showFor(select) {
    const scope = document.getElementById(select.dataset.shows);
    if (!scope) return;
    scope.querySelectorAll("[data-for]").forEach((el) => {
      const on = el.dataset.for.split(" ").includes(select.value);
      el.hidden = !on;
      el.querySelectorAll("input, select, textarea").forEach((f) => { f.disabled = !on; });
    });
  }
  document.addEventListener("click", (ev) => {
    const add = ev.target.closest("[data-add-row]");
    if (add) {
      ev.preventDefault();
      const tpl = document.getElementById(add.dataset.addRow);
      const body = document.getElementById(add.dataset.target);
      const n = Number(body.dataset.next || body.children.length);
      body.dataset.next = String(n + 1);
      body.insertAdjacentHTML("beforeend", tpl.innerHTML.replaceAll("__N__", String(n)));
      return;
    }
    const remove = ev.target.closest("[data-remove-row]");
    if (remove) {
      ev.preventDefault();
      remove.closest("tr").remove();
    }
  });
  document.addEventListener("change", (ev) => {
    if (ev.target.matches("select[data-shows]")) showFor(ev.target);
  });
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("select[data-shows]").forEach(showFor);
  });
})();
