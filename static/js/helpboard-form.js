/* Question form: one step at a time, a draft kept on this device, the street-matters notice.
   Without JavaScript the form shows all three steps on one page and works the same. */
(function () {
  "use strict";
  var form = document.querySelector("form[data-draft]");
  var clear = document.querySelector("[data-clear-draft]");
  var store;
  try { store = window.localStorage; } catch (e) { store = null; }
  if (clear && store) { store.removeItem("wp:" + clear.getAttribute("data-clear-draft")); }
  if (!form) { return; }
  var key = "wp:" + form.getAttribute("data-draft");
  var skip = { csrf_token: true, form_token: true, submit: true };

  function save() {
    if (!store) { return; }
    var data = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || skip[el.name] || el.type === "hidden") { return; }
      if (el.type === "radio" || el.type === "checkbox") {
        if (el.checked) { (data[el.name] = data[el.name] || []).push(el.value); }
      } else { data[el.name] = el.value; }
    });
    store.setItem(key, JSON.stringify(data));
  }

  function restore() {
    if (!store) { return; }
    var raw = store.getItem(key);
    if (!raw) { return; }
    var data;
    try { data = JSON.parse(raw); } catch (e) { return; }
    var filled = Array.prototype.some.call(form.elements, function (el) {
      return (el.type === "text" || el.tagName === "TEXTAREA") && el.value;
    });
    if (filled) { return; } /* the server sent the form back with what was typed: keep that */
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || !(el.name in data)) { return; }
      var value = data[el.name];
      if (el.type === "radio" || el.type === "checkbox") {
        el.checked = value.indexOf(el.value) !== -1;
      } else { el.value = value; }
    });
  }

  var note = document.getElementById("street-note");
  var noteEnd = document.getElementById("street-note-end");
  function streetNotice() {
    var picked = form.querySelector("input[data-public-space]:checked");
    if (note) { note.hidden = !picked; }
    if (note && noteEnd) { noteEnd.hidden = !!picked; } /* the way to Fixi is shown once */
  }

  var steps = Array.prototype.slice.call(form.querySelectorAll(".wp-hb-step"));
  var hasErrors = form.querySelector(".utrecht-form-field--invalid");
  function show(index) {
    steps.forEach(function (step, i) { step.hidden = i !== index; });
    var legend = steps[index].querySelector("legend");
    if (legend) { legend.setAttribute("tabindex", "-1"); legend.focus(); }
  }
  function addNav(step, index) {
    var nav = document.createElement("div");
    nav.className = "wp-hb-stepnav";
    if (index > 0) {
      var back = document.createElement("button");
      back.type = "button";
      back.className = "utrecht-button utrecht-button--secondary-action";
      back.textContent = form.getAttribute("data-back") || "←";
      back.addEventListener("click", function () { show(index - 1); });
      nav.appendChild(back);
    }
    if (index < steps.length - 1) {
      var next = document.createElement("button");
      next.type = "button";
      next.className = "utrecht-button utrecht-button--primary-action";
      next.textContent = form.getAttribute("data-next") || "→";
      next.addEventListener("click", function () { show(index + 1); });
      nav.appendChild(next);
    }
    step.appendChild(nav);
  }

  restore();
  streetNotice();
  form.addEventListener("input", save);
  form.addEventListener("change", function () { save(); streetNotice(); });
  form.addEventListener("submit", function () {
    var button = form.querySelector("button[type=submit]");
    save();
    if (button) { setTimeout(function () { button.disabled = true; }, 0); }
  });
  if (steps.length > 1 && !hasErrors) {
    form.classList.add("js-steps");
    steps.forEach(addNav);
    steps.forEach(function (step, i) { step.hidden = i !== 0; });
  }
})();
