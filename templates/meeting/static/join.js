// The participant's phone page. It draws the forms the server describes (hlo_design/meeting/forms.py)
// and sends what is filled in. Every text goes into the page with textContent, never as HTML.
"use strict";
(function () {
  const texts = JSON.parse(document.getElementById("hlo-texts").textContent);
  const lang = document.documentElement.lang || "nl";
  const api = location.pathname.replace(/\/$/, "") + "/api";
  const status = document.getElementById("hlo-status");
  let code = "";
  let token = "";

  function show(text, kind) {
    status.textContent = text || "";
    status.className = "status" + (kind ? " " + kind : "");
  }

  function el(tag, props, children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    (children || []).forEach((child) => node.append(child));
    return node;
  }

  async function call(path, options) {
    const sep = path.includes("?") ? "&" : "?";
    const headers = { "Content-Type": "application/json" };
    if (token) headers.Authorization = "Bearer " + token;
    let response;
    try {
      response = await fetch(api + path + sep + "lang=" + encodeURIComponent(lang), { ...options, headers });
    } catch (error) {
      throw new Error(texts.offline);
    }
    const data = await response.json().catch(() => ({}));
    if (!response.ok) {
      if (response.status === 401 || response.status === 410) forget();
      throw new Error(data.message || texts.offline);
    }
    return data;
  }

  const storageKey = () => "hlo-join-" + code;
  function forget() { if (code) localStorage.removeItem(storageKey()); }

  function step(id) {
    for (const section of document.querySelectorAll(".step")) section.hidden = section.id !== id;
  }

  async function lookUp(event) {
    if (event) event.preventDefault();
    code = document.getElementById("hlo-code").value.toUpperCase().replace(/[\s-]/g, "");
    if (!code) return;
    token = localStorage.getItem(storageKey()) || "";
    if (token) {
      try { await loadForms(); return; } catch (error) { token = ""; }
    }
    try {
      const meeting = await call("/meeting?code=" + encodeURIComponent(code));
      document.getElementById("hlo-context").textContent = meeting.case + " · " + meeting.phase;
      const select = document.getElementById("hlo-actor");
      select.replaceChildren(el("option", { value: "", textContent: texts.choose }));
      for (const [id, name] of meeting.actors) select.append(el("option", { value: id, textContent: name }));
      show("");
      step("hlo-who-step");
    } catch (error) {
      show(error.message, "error");
    }
  }

  async function join(event) {
    event.preventDefault();
    const actor = document.getElementById("hlo-actor").value;
    const name = document.getElementById("hlo-name").value;
    try {
      const answer = await call("/participants", { method: "POST", body: JSON.stringify({ code, actor, name }) });
      token = answer.token;
      localStorage.setItem(storageKey(), token);
      await loadForms();
    } catch (error) {
      show(error.message, "error");
    }
  }

  function field(spec, formId) {
    const id = formId + "-" + spec.name;
    const wrap = el("div", { className: "field field-" + spec.name });
    if (spec.type === "check") {
      const box = el("input", { type: "checkbox", id, name: spec.name });
      wrap.append(el("label", { className: "check" }, [box, spec.label]));
      return wrap;
    }
    wrap.append(el("label", { htmlFor: id, textContent: spec.label }));
    if (spec.type === "select") {
      const select = el("select", { id, name: spec.name, required: spec.required });
      if (spec.required) select.append(el("option", { value: "", textContent: texts.choose }));
      for (const [value, label] of spec.options) select.append(el("option", { value, textContent: label }));
      wrap.append(select);
    } else if (spec.type === "text") {
      wrap.append(el("textarea", { id, name: spec.name, maxLength: spec.max, required: spec.required }));
    } else if (spec.type === "multi") {
      const box = el("div", { className: "choices", id });
      for (const [value, label] of spec.options) {
        box.append(el("label", {}, [el("input", { type: "checkbox", name: spec.name, value }), label]));
      }
      wrap.append(box);
    } else if (spec.type === "scale") {
      const box = el("div", { className: "scale", id });
      for (let value = spec.min; value <= spec.max; value += 1) {
        const radio = el("input", { type: "radio", name: spec.name, value: String(value), required: spec.required });
        box.append(el("label", {}, [radio, String(value)]));
      }
      wrap.append(box);
    }
    return wrap;
  }

  function values(form, specs) {
    const result = {};
    for (const spec of specs) {
      if (spec.type === "check") result[spec.name] = form.elements[spec.name].checked;
      else if (spec.type === "multi") result[spec.name] = [...form.querySelectorAll(`input[name="${spec.name}"]:checked`)].map((box) => box.value);
      else if (spec.type === "scale") {
        const chosen = form.querySelector(`input[name="${spec.name}"]:checked`);
        if (chosen) result[spec.name] = Number(chosen.value);
      } else {
        const value = form.elements[spec.name].value;
        if (value !== "" || spec.type === "select") result[spec.name] = value;
      }
    }
    return result;
  }

  function card(spec, counter) {
    const form = el("form", { className: "card hlo-form-" + spec.kind, noValidate: false });
    const note = el("p", { className: "status", role: "status" });
    form.append(el("h2", { textContent: spec.title }), el("p", { className: "help", textContent: spec.help }));
    for (const fieldSpec of spec.fields) form.append(field(fieldSpec, "f-" + spec.kind));
    const send = el("button", { type: "submit", textContent: texts.send });
    form.append(send, note);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      send.disabled = true;
      try {
        const answer = await call("/contributions", { method: "POST", body: JSON.stringify({ kind: spec.kind, values: values(form, spec.fields) }) });
        note.textContent = texts.sent;
        note.className = "status ok";
        counter(answer.sent);
        for (const box of form.querySelectorAll("textarea")) box.value = "";
      } catch (error) {
        note.textContent = error.message;
        note.className = "status error";
      } finally {
        send.disabled = false;
      }
    });
    return form;
  }

  async function loadForms() {
    const data = await call("/forms");
    document.getElementById("hlo-heading").textContent = data.case;
    const section = document.getElementById("hlo-forms");
    const count = el("p", { className: "count" });
    const counter = (sent) => {
      count.textContent = sent === 1 ? texts.count_one : texts.count_template.replace("{count}", String(sent));
    };
    section.replaceChildren(el("p", { className: "context", textContent: data.phase + " · " + data.actor }), count);
    counter(data.sent);
    if (!data.forms.length) section.append(el("p", { textContent: texts.nothing }));
    // One form at a time, chosen with tabs at the top: no scrolling past the other exercises on a phone.
    const cards = data.forms.map((spec) => card(spec, counter));
    const tabs = el("nav", { className: "tabs" });
    const choose = (index) => {
      cards.forEach((form, i) => { form.hidden = i !== index; });
      [...tabs.children].forEach((tab, i) => tab.setAttribute("aria-selected", String(i === index)));
    };
    data.forms.forEach((spec, index) => {
      const tab = el("button", { type: "button", className: "tab hlo-tab-" + spec.kind, textContent: spec.title });
      tab.addEventListener("click", () => choose(index));
      tabs.append(tab);
    });
    if (cards.length > 1) section.append(tabs);
    section.append(...cards);
    choose(0);
    show("");
    step("hlo-forms");
  }

  document.getElementById("hlo-code-step").addEventListener("submit", lookUp);
  document.getElementById("hlo-who-step").addEventListener("submit", join);
  if (document.getElementById("hlo-code").value) lookUp();
})();
