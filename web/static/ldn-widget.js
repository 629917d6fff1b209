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

    window.WebChat.default(props, root);
    if (fixes) enhance(root, props);
  }

  load("link", { rel: "stylesheet", href: base + "ldn-widget.css" }, function () {});
  load("script", { src: base + "config.js" }, function () {
    load("script", { src: base + "vendor/rasa-webchat.js" }, start);
  });
})();
