/*
 * LDN Assistant widget loader: the one script a clinic page includes.
 *
 *   <script>window.LDNWidget = { title: "Ask about LDN" };</script>   (optional overrides)
 *   <script src="https://ASSISTANT-HOST/ldn-widget.js" defer></script>
 *
 * Loads, from the same place as this file: ldn-widget.css, config.js (settings
 * from the clinic's settings.yml: socket URL, title, subtitle, colours) and
 * vendor/rasa-webchat.js (rasa-webchat 1.0.1 without its Google Fonts import).
 * Then starts the widget and fixes its accessibility gaps (labels, roles,
 * keyboard use of the topic buttons, Escape to close). No other hosts are contacted.
 *
 * Safety: the only links left clickable in the chat are https: links to the
 * clinic's own site (settings clinic.website); any other link becomes plain text
 * and any other image is removed. A "Delete this conversation" button in the
 * header (keyboard usable, asks first) deletes the conversation on the server
 * (POST /webhooks/socketio/forget) and shows what was deleted.
 */
(function () {
  "use strict";
  if (window.__ldnWidgetLoaded) return;
  window.__ldnWidgetLoaded = true;

  var self = document.currentScript;
  var base = self && self.src ? self.src.replace(/[^\/]*([?#].*)?$/, "") : "/";

  function load(tag, attrs, done) {
    var el = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) { el[k] = attrs[k]; });
    el.onload = done;
    el.onerror = function () { console.warn("LDN widget: could not load " + (attrs.src || attrs.href)); };
    (document.head || document.body).appendChild(el);
  }

  function label(el, text) {
    if (el && el.getAttribute("aria-label") !== text) el.setAttribute("aria-label", text);
  }

  function setAttr(el, name, value) {
    if (el && el.getAttribute(name) !== value) el.setAttribute(name, value);
  }

  var SESSION_KEY = "chat_session"; // where rasa-webchat keeps the session id and messages
  var FORGOTTEN_KEY = "ldn_forgotten";

  function allowedLink(href, site) {
    try {
      var url = new URL(href, window.location.href);
      return url.protocol === "https:" && !!site && url.host === site.host;
    } catch (e) {
      return false;
    }
  }

  // Only https: links to the clinic's own site stay links; other images are dropped.
  function neutralizeLinks(root, site) {
    root.querySelectorAll(".rw-conversation-container a[href]").forEach(function (link) {
      if (allowedLink(link.getAttribute("href"), site)) return;
      var text = document.createElement("span");
      text.textContent = link.textContent;
      link.parentNode.replaceChild(text, link);
    });
    root.querySelectorAll(".rw-conversation-container .rw-message img").forEach(function (img) {
      if (!allowedLink(img.getAttribute("src") || "", site)) img.parentNode.removeChild(img);
    });
  }

  function storedSessionId() {
    var stores = [window.sessionStorage, window.localStorage];
    for (var i = 0; i < stores.length; i++) {
      try {
        var saved = JSON.parse(stores[i].getItem(SESSION_KEY) || "null");
        if (saved && saved.session_id) return saved.session_id;
      } catch (e) { /* unreadable: try the next */ }
    }
    return null;
  }

  function forgetConversation(props, status) {
    var sessionId = storedSessionId();
    if (!sessionId) { status("There is no conversation to delete."); return; }
    var url = String(props.socketUrl || "").replace(/\/+$/, "") + "/webhooks/socketio/forget";
    fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session_id: sessionId }),
      credentials: "omit"
    }).then(function (reply) {
      if (!reply.ok) throw new Error("status " + reply.status);
      return reply.json();
    }).then(function (result) {
      [window.sessionStorage, window.localStorage].forEach(function (store) { store.removeItem(SESSION_KEY); });
      window.sessionStorage.setItem(FORGOTTEN_KEY, result.text || "Deleted.");
      window.location.reload();
    }).catch(function () {
      status("Sorry, the conversation could not be deleted. Please try again, or call the clinic.");
    });
  }

  function button(className, text) {
    var el = document.createElement("button");
    el.type = "button";
    el.className = className;
    el.textContent = text;
    return el;
  }

  function deleteControl(root, props) {
    var header = root.querySelector(".rw-conversation-container .rw-header");
    if (!header || header.querySelector(".ldn-delete")) return;
    var box = document.createElement("div");
    box.className = "ldn-delete";
    var ask = button("ldn-delete-ask", "Delete this conversation");
    var confirm = document.createElement("div");
    confirm.className = "ldn-delete-confirm";
    confirm.setAttribute("role", "group");
    confirm.setAttribute("aria-label", "Delete this conversation?");
    confirm.hidden = true;
    var question = document.createElement("span");
    question.textContent = "Delete everything in this chat? This can't be undone.";
    var yes = button("ldn-delete-yes", "Delete");
    var no = button("ldn-delete-no", "Keep");
    var live = document.createElement("span");
    live.className = "ldn-sr-only";
    live.setAttribute("role", "status");
    confirm.appendChild(question);
    confirm.appendChild(yes);
    confirm.appendChild(no);
    box.appendChild(ask);
    box.appendChild(confirm);
    box.appendChild(live);
    ask.addEventListener("click", function () { ask.hidden = true; confirm.hidden = false; no.focus(); });
    no.addEventListener("click", function () { confirm.hidden = true; ask.hidden = false; ask.focus(); });
    yes.addEventListener("click", function () {
      yes.disabled = true;
      forgetConversation(props, function (text) { live.textContent = text; yes.disabled = false; });
    });
    header.appendChild(box);
  }

  function showForgotten() {
    var text = window.sessionStorage.getItem(FORGOTTEN_KEY);
    if (!text) return;
    window.sessionStorage.removeItem(FORGOTTEN_KEY);
    var note = document.createElement("div");
    note.className = "ldn-forgotten";
    note.setAttribute("role", "status");
    var message = document.createElement("p");
    message.textContent = text;
    var close = button("ldn-forgotten-ok", "OK");
    close.addEventListener("click", function () { note.parentNode.removeChild(note); });
    note.appendChild(message);
    note.appendChild(close);
    document.body.appendChild(note); // not in the widget's root: React replaces its content
  }

  // rasa-webchat renders without labels and with quick replies as plain <div>s.
  function enhance(root, props) {
    var launcher = root.querySelector(".rw-launcher");
    var open = !!root.querySelector(".rw-conversation-container");
    if (launcher) {
      label(launcher, open ? "Close chat" : "Open chat: " + props.title);
      setAttr(launcher, "aria-expanded", open ? "true" : "false");
      setAttr(launcher, "type", "button");
    }
    var conversation = root.querySelector(".rw-conversation-container");
    if (conversation) {
      setAttr(conversation, "role", "dialog");
      setAttr(conversation, "aria-modal", "false");
      label(conversation, props.title);
    }
    var heading = root.querySelector(".rw-header .rw-title");
    if (heading && heading.tagName === "H4") setAttr(heading, "role", "heading"), setAttr(heading, "aria-level", "2");
    label(root.querySelector(".rw-close-button"), "Close chat");
    label(root.querySelector(".rw-toggle-fullscreen-button"), "Toggle full screen");
    var messages = root.querySelector(".rw-messages-container");
    if (messages) {
      setAttr(messages, "role", "log");
      setAttr(messages, "aria-live", "polite");
      setAttr(messages, "tabindex", "0"); // scrollable: reachable by keyboard
      label(messages, "Conversation");
    }
    var input = root.querySelector(".rw-new-message");
    label(input, props.inputTextFieldHint || "Type your question");
    label(root.querySelector(".rw-send"), "Send");
    var sendIcon = root.querySelector(".rw-send-icon");
    setAttr(sendIcon, "alt", "");
    root.querySelectorAll(".rw-close, .rw-launcher img, .rw-open-launcher, .rw-close-launcher").forEach(function (img) {
      setAttr(img, "alt", "");
    });
    root.querySelectorAll("div.rw-reply").forEach(function (reply) {
      setAttr(reply, "role", "button");
      setAttr(reply, "tabindex", "0");
    });
    neutralizeLinks(root, props.clinicSite);
    deleteControl(root, props);
    root.querySelectorAll(".rw-markdown a[target=_blank]").forEach(function (link) {
      setAttr(link, "rel", "noopener noreferrer");
      if (!link.querySelector(".ldn-sr-only")) {
        var note = document.createElement("span");
        note.className = "ldn-sr-only";
        note.textContent = " (opens in a new tab)";
        link.appendChild(note);
      }
    });
  }

  function start() {
    var defaults = window.LDN_WIDGET_DEFAULTS || {};
    var overrides = window.LDNWidget || {};
    var props = Object.assign({
      withRules: false,
      hideWhenNotConnected: false,
      showMessageDate: false,
      customMessageDelay: function () { return 300; }
    }, defaults, overrides);
    props.params = Object.assign({ storage: "session" }, defaults.params, overrides.params);
    var fixes = props.accessibilityFixes !== false; // false only to compare with the bare bundle
    try {
      props.clinicSite = new URL((defaults.clinic || {}).website || "");
    } catch (e) {
      props.clinicSite = null; // no clinic site: no links at all
    }
    delete props.clinic;
    delete props.accessibilityFixes;

    var root = document.createElement("div");
    root.id = "ldn-widget";
    root.className = "ldn-widget";
    document.body.appendChild(root);

    if (!fixes) root.className = "";
    var pending = !fixes;
    var observer = new MutationObserver(function () {
      if (pending) return;
      pending = true;
      window.requestAnimationFrame(function () { pending = false; enhance(root, props); });
    });
    observer.observe(root, { childList: true, subtree: true });

    // Keyboard: Enter/Space press a topic button; Escape closes the chat and returns to the launcher.
    root.addEventListener("keydown", function (event) {
      var target = event.target;
      if ((event.key === "Enter" || event.key === " ") && target.classList && target.classList.contains("rw-reply")) {
        event.preventDefault();
        target.click();
      } else if (event.key === "Escape" && root.querySelector(".rw-conversation-container")) {
        var close = root.querySelector(".rw-close-button") || root.querySelector(".rw-launcher");
        if (close) {
          close.click();
          window.setTimeout(function () {
            var launcher = root.querySelector(".rw-launcher");
            if (launcher) launcher.focus();
          }, 50);
        }
      }
    });

    var site = props.clinicSite;
    delete props.clinicSite; // not a rasa-webchat prop
    window.WebChat.default(props, root);
    props.clinicSite = site;
    showForgotten();
    if (fixes) enhance(root, props);
  }

  load("link", { rel: "stylesheet", href: base + "ldn-widget.css" }, function () {});
  load("script", { src: base + "config.js" }, function () {
    load("script", { src: base + "vendor/rasa-webchat.js" }, start);
  });
})();
