/* The place of each photo in the text ("Đặt sau đoạn") follows the body as
   it is typed: the server lists the paragraphs of the body saved (or sent),
   and this script lists them again, by their first words, whenever CKEditor's
   text changes, so a new article's photos can be placed before its first
   save. A paragraph is a <p> at the top of the body, as on the server
   (news/placement.py). The place chosen is kept; one the body no longer has
   stays chosen and says so, and the server refuses to save it.

   CKEditor 5 (django-ckeditor-5) keeps its editors in `window.editors`, by
   the id of the <textarea> they replace, once created. */
(function () {
  "use strict";

  var WORDS = 10;
  var WAIT = 10000; // ms to wait for the editor
  var DELAY = 300; // ms after the last change

  function paragraphs(html) {
    var body = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    var starts = [];
    Array.prototype.forEach.call(body.children, function (element) {
      if (element.tagName !== "P") return;
      var copy = element.cloneNode(true);
      copy.querySelectorAll("br, img").forEach(function (node) {
        node.replaceWith(" ");
      });
      var words = copy.textContent.split(/\s+/).filter(Boolean);
      starts.push(words.slice(0, WORDS).join(" ") + (words.length > WORDS ? "…" : ""));
    });
    return starts;
  }

  function relist(select, starts) {
    var chosen = select.value;
    var options = [["", "Cuối bài"]];
    starts.forEach(function (words, i) {
      options.push([String(i + 1), "Sau đoạn " + (i + 1) + ": " + words]);
    });
    if (chosen && (Number(chosen) < 1 || Number(chosen) > starts.length)) {
      options.push([chosen, "Sau đoạn " + chosen + " (bài không có đoạn này)"]);
    }
    select.replaceChildren.apply(
      select,
      options.map(function (pair) {
        var option = new Option(pair[1], pair[0]);
        option.selected = pair[0] === chosen;
        return option;
      })
    );
  }

  function relistAll(editor) {
    var starts = paragraphs(editor.getData());
    document.querySelectorAll('select[name$="-after_paragraph"]').forEach(function (select) {
      relist(select, starts);
    });
  }

  function start(editor) {
    var timer = null;
    editor.model.document.on("change:data", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        relistAll(editor);
      }, DELAY);
    });
    // A photo added with "Thêm Ảnh" gets the list of the moment.
    document.addEventListener("formset:added", function () {
      relistAll(editor);
    });
  }

  function whenEditorReady() {
    var textarea = document.getElementById("id_body");
    if (!textarea || !document.querySelector('select[name$="-after_paragraph"]')) return;
    var waited = 0;
    (function poll() {
      var editor = window.editors && window.editors[textarea.id];
      if (editor) return start(editor);
      waited += 100;
      if (waited < WAIT) setTimeout(poll, 100);
    })();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", whenEditorReady);
  } else {
    whenEditorReady();
  }
})();
