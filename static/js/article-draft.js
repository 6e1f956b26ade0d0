/* Nothing typed is lost in the article form of the admin.

   - Leaving the form with unsaved changes asks first (the browser's own
     "Leave site?" prompt); saving it does not.
   - What is typed is kept in this browser (localStorage) a moment after
     each change, with the time: the fields changed, photo captions
     included, and the body as CKEditor 5's HTML. Files chosen for upload
     cannot be kept. The key names the user and the article ("add" for a new
     one), so a draft is never offered to another user of the computer.
   - Opening the form again with a draft that differs from what the page
     shows offers it in a banner (templates/admin/news/article/change_form.html);
     it is never restored without being asked. While the offer stands the
     draft is not overwritten: typing does not silently throw it away.
   - A draft is removed once the article is saved. Saving is a POST whose
     outcome only the next page knows, so on submit the draft is kept (with
     the latest typing: the save may fail, the connection may drop) and this
     tab notes which draft it sent (sessionStorage, one per tab). The next
     page loading this script settles it: Django's success message (the list,
     the form again, or a new add form) removes the draft; the form shown
     again with errors keeps it, and what it shows is unsaved. A tab that
     crashed or was closed mid-save has no note, so its draft stays.
   - Without localStorage (private modes may throw) only the prompt remains.

   CKEditor 5 (django-ckeditor-5) keeps its editors in `window.editors`, by
   the id of the <textarea> they replace, once created; we wait for them,
   read and set the body with getData()/setData() and listen to change:data.
   This script is loaded on every page of the article admin (ArticleAdmin's
   Media), so that the page after a save can settle the draft. */
(function () {
  "use strict";

  var PREFIX = "longbien.article-draft.";
  var SENT = PREFIX + "sent";
  var SAVE_DELAY = 500; // ms after the last keystroke
  var SENT_VALID = 10 * 60 * 1000; // a note of a save older than this is ignored
  var KEEP = 30 * 24 * 60 * 60 * 1000; // drafts untouched for 30 days are dropped
  var EDITOR_WAIT = 10000;

  var storage = usable("localStorage");
  var session = usable("sessionStorage");

  function usable(name) {
    try {
      var store = window[name];
      store.setItem(PREFIX + "probe", "1");
      store.removeItem(PREFIX + "probe");
      return store;
    } catch (error) {
      return null;
    }
  }

  function read(key) {
    try {
      var draft = JSON.parse(storage.getItem(key));
      return draft && draft.fields ? draft : null;
    } catch (error) {
      return null;
    }
  }

  function forget(key) {
    try {
      storage.removeItem(key);
    } catch (error) {
      // Nothing to do: the draft is then offered again, never lost.
    }
  }

  function settleSentDraft() {
    if (!storage || !session) {
      return;
    }
    var sent = null;
    try {
      sent = JSON.parse(session.getItem(SENT));
      session.removeItem(SENT);
    } catch (error) {
      return;
    }
    if (!sent || !sent.key || Date.now() - sent.at > SENT_VALID) {
      return;
    }
    if (!document.querySelector(".errornote") && document.querySelector(".messagelist .success")) {
      forget(sent.key);
    }
  }

  function dropOldDrafts() {
    if (!storage) {
      return;
    }
    var old = [];
    for (var i = 0; i < storage.length; i++) {
      var key = storage.key(i);
      if (key && key.indexOf(PREFIX) === 0 && key !== SENT) {
        var draft = read(key);
        if (!draft || !(Date.now() - draft.savedAt < KEEP)) {
          old.push(key);
        }
      }
    }
    old.forEach(forget);
  }

  function pad(number) {
    return (number < 10 ? "0" : "") + number;
  }

  function shownTime(time) {
    var date = new Date(time);
    return (
      pad(date.getHours()) + ":" + pad(date.getMinutes()) + " " +
      pad(date.getDate()) + "/" + pad(date.getMonth() + 1) + "/" + date.getFullYear()
    );
  }

  function startForm(box) {
    var form = box.closest("form");
    if (!form || !form.querySelector('[name="_save"]')) {
      return; // a view-only form: nothing can be typed
    }
    var key = PREFIX + encodeURIComponent(box.getAttribute("data-draft-user")) + "." +
      box.getAttribute("data-draft-article");
    // The form shown again with errors holds what was typed, none of it saved.
    var unsavedFromStart = !!document.querySelector(".errornote");
    var editorBaselines = {}; // CKEditor's HTML for what the server sent, by textarea id
    var timer = null;
    var submitting = false;
    var offerStanding = false;
    var savedNote = null;

    function controls() {
      return Array.prototype.filter.call(form.elements, function (element) {
        var name = element.name;
        return (
          name && !element.disabled && name !== "csrfmiddlewaretoken" &&
          name.indexOf("__prefix__") === -1 && !/-DELETE$/.test(name) &&
          /^(INPUT|SELECT|TEXTAREA)$/.test(element.tagName) &&
          !/^(hidden|file|password|submit|button|reset|image)$/.test(element.type)
        );
      });
    }

    function keyOf(element) {
      var checkable = element.type === "checkbox" || element.type === "radio";
      return checkable ? element.name + "=" + element.value : element.name;
    }

    function editorOf(element) {
      return (element.tagName === "TEXTAREA" && window.editors && window.editors[element.id]) || null;
    }

    function selectedValues(select, byDefault) {
      var values = [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (byDefault ? option.defaultSelected : option.selected) {
          values.push(option.value);
        }
      });
      if (byDefault && !values.length && !select.multiple && select.options.length) {
        values.push(select.options[0].value); // what a browser shows selected
      }
      return values;
    }

    function valueOf(element) {
      if (element.type === "checkbox" || element.type === "radio") {
        return element.checked;
      }
      if (element.tagName === "SELECT") {
        return selectedValues(element, false);
      }
      var editor = editorOf(element);
      return editor ? editor.getData() : element.value;
    }

    function sentValueOf(element) {
      if (element.type === "checkbox" || element.type === "radio") {
        return element.defaultChecked;
      }
      if (element.tagName === "SELECT") {
        return sentSelections.get(element) || selectedValues(element, true);
      }
      if (editorOf(element) && element.id in editorBaselines) {
        return editorBaselines[element.id];
      }
      return element.defaultValue;
    }

    function same(one, other) {
      return JSON.stringify(one) === JSON.stringify(other);
    }

    function isDirty() {
      return unsavedFromStart || controls().some(function (element) {
        return !same(valueOf(element), sentValueOf(element));
      });
    }

    function snapshot() {
      // What differs from what the server sent (all of it on a form shown
      // again with errors): restoring then changes only what the user changed,
      // not, say, the publishing time the add form proposes ("now").
      var fields = {};
      var labels = {}; // the text of chosen options: autocomplete boxes hold only those
      controls().forEach(function (element) {
        var name = keyOf(element);
        var value = valueOf(element);
        if (!unsavedFromStart && same(value, sentValueOf(element))) {
          return;
        }
        fields[name] = value;
        if (element.tagName === "SELECT") {
          labels[name] = {};
          Array.prototype.forEach.call(element.selectedOptions, function (option) {
            labels[name][option.value] = option.text;
          });
        }
      });
      return { fields: fields, labels: labels, savedAt: Date.now() };
    }

    function showSaved(time) {
      if (!savedNote) {
        savedNote = document.createElement("p");
        savedNote.className = "article-draft-saved";
        box.parentNode.insertBefore(savedNote, box.nextSibling);
      }
      var date = new Date(time);
      savedNote.textContent = "Đã giữ bản nháp trong trình duyệt này lúc " +
        pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds()) + ".";
    }

    function saveNow() {
      clearTimeout(timer);
      timer = null;
      if (!storage || offerStanding) {
        return;
      }
      if (!isDirty()) {
        forget(key); // changed back to what is saved: nothing to keep
        return;
      }
      var draft = snapshot();
      try {
        storage.setItem(key, JSON.stringify(draft));
        showSaved(draft.savedAt);
      } catch (error) {
        // Storage full or refused: the prompt before leaving still guards.
      }
    }

    function saveSoon() {
      if (!storage || offerStanding) {
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(saveNow, SAVE_DELAY);
    }

    function differsFromPage(draft) {
      var shown = {};
      controls().forEach(function (element) {
        shown[keyOf(element)] = valueOf(element);
      });
      return Object.keys(draft.fields).some(function (name) {
        // A field not on the page: typed into a photo row added with "Thêm Ảnh".
        return !(name in shown) || !same(draft.fields[name], shown[name]);
      });
    }

    function addInlineRows(fields) {
      // Photos typed into rows added with "Thêm Ảnh": add as many rows.
      Object.keys(fields).forEach(function (name) {
        var match = /^(.+)-(\d+)-/.exec(name);
        if (!match || form.elements[name]) {
          return;
        }
        var add = document.querySelector("#" + CSS.escape(match[1]) + "-group .add-row a");
        for (var tries = 0; add && !form.elements[name] && tries < 50; tries++) {
          add.click();
        }
      });
    }

    function fire(element) {
      element.dispatchEvent(new Event("input", { bubbles: true }));
      element.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function restore(draft) {
      addInlineRows(draft.fields);
      controls().forEach(function (element) {
        var name = keyOf(element);
        if (!(name in draft.fields)) {
          return;
        }
        var value = draft.fields[name];
        var editor = editorOf(element);
        if (element.type === "checkbox" || element.type === "radio") {
          element.checked = !!value;
        } else if (element.tagName === "SELECT") {
          var values = [].concat(value);
          var labels = (draft.labels && draft.labels[name]) || {};
          values.forEach(function (chosen) {
            var present = Array.prototype.some.call(element.options, function (option) {
              return option.value === chosen;
            });
            if (!present) {
              element.add(new Option(labels[chosen] || chosen, chosen));
            }
          });
          Array.prototype.forEach.call(element.options, function (option) {
            option.selected = values.indexOf(option.value) !== -1;
          });
        } else if (editor) {
          editor.setData(value);
        } else {
          element.value = value;
        }
        fire(element); // select2 and the admin's own scripts follow
      });
    }

    function button(text, onClick) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "button";
      element.textContent = text;
      element.addEventListener("click", onClick);
      return element;
    }

    function closeOffer(message) {
      offerStanding = false;
      box.replaceChildren();
      var line = document.createElement("p");
      line.textContent = message;
      box.appendChild(line);
      var first = controls()[0];
      if (first) {
        first.focus();
      }
    }

    function offer(draft) {
      offerStanding = true;
      var text = document.createElement("p");
      text.textContent = "Có bản nháp chưa lưu từ " + shownTime(draft.savedAt) +
        " (trình duyệt này). Ảnh đã chọn để tải lên không được giữ trong bản nháp.";
      var actions = document.createElement("p");
      actions.className = "article-draft__actions";
      actions.appendChild(button("Khôi phục bản nháp", function () {
        closeOffer("Đã khôi phục bản nháp. Bản nháp được giữ đến khi bài được lưu.");
        restore(draft);
        saveNow();
      }));
      actions.appendChild(button("Bỏ bản nháp", function () {
        forget(key);
        closeOffer("Đã bỏ bản nháp.");
      }));
      box.replaceChildren(text, actions);
      box.hidden = false;
    }

    function whenEditorsReady(callback) {
      var areas = Array.prototype.filter.call(
        form.querySelectorAll("textarea.django_ckeditor_5"),
        function (area) {
          return area.id.indexOf("__prefix__") === -1;
        }
      );
      var started = Date.now();
      (function check() {
        var ready = areas.every(editorOf);
        if (!ready && Date.now() - started < EDITOR_WAIT) {
          setTimeout(check, 50);
          return;
        }
        areas.filter(editorOf).forEach(function (area) {
          var editor = editorOf(area);
          // What the server sent, written as CKEditor writes HTML, so that
          // opening the form alone is no change.
          try {
            editorBaselines[area.id] = editor.data.stringify(editor.data.parse(area.defaultValue));
          } catch (error) {
            editorBaselines[area.id] = editor.getData();
          }
          editor.model.document.on("change:data", saveSoon);
        });
        callback();
      })();
    }

    // The choices the server sent, read before select2 adds the options it
    // finds already marked as selected.
    var sentSelections = new WeakMap();
    controls().forEach(function (element) {
      if (element.tagName === "SELECT") {
        sentSelections.set(element, selectedValues(element, true));
      }
    });

    form.addEventListener("input", saveSoon);
    form.addEventListener("change", saveSoon);
    if (window.django && window.django.jQuery) {
      // select2 (authors, tags) announces its choices through jQuery only.
      window.django.jQuery(form).on("change", saveSoon);
    }

    form.addEventListener("submit", function (event) {
      if (event.submitter && event.submitter.formTarget === "_blank") {
        // "Xem trước" opens a new tab and saves nothing: this page stays, unsaved.
        saveNow();
        return;
      }
      submitting = true;
      saveNow();
      if (session) {
        try {
          session.setItem(SENT, JSON.stringify({ key: key, at: Date.now() }));
        } catch (error) {
          // Without the note the draft outlives the save; it is offered only if it differs.
        }
      }
      setTimeout(function () {
        if (event.defaultPrevented) {
          submitting = false;
        }
      }, 0);
    });

    window.addEventListener("beforeunload", function (event) {
      if (timer) {
        saveNow();
      }
      if (submitting || !isDirty()) {
        return;
      }
      event.preventDefault();
      event.returnValue = ""; // Chrome's prompt asks for it
    });
    window.addEventListener("pagehide", function () {
      if (timer) {
        saveNow();
      }
    });
    window.addEventListener("pageshow", function (event) {
      if (event.persisted) {
        submitting = false; // back to this page after leaving it
      }
    });

    whenEditorsReady(function () {
      var draft = storage && read(key);
      if (storage && unsavedFromStart) {
        saveNow(); // the draft follows what the form shows again
      } else if (draft && differsFromPage(draft)) {
        offer(draft);
      }
      // Drafts are looked for: tests and scripts may wait for this.
      box.setAttribute("data-draft-checked", "");
    });
  }

  function start() {
    settleSentDraft();
    dropOldDrafts();
    var box = document.querySelector(".article-draft[data-draft-user]");
    if (box) {
      startForm(box);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
