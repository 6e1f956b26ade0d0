/* Share bar under an article: copy the article's address, share it through
   the device's own share sheet (on phones: Zalo, Messenger…), print.
   Without JavaScript these buttons stay hidden and the address is shown in a
   field the reader can select; the Facebook and Zalo links work either way. */
(function () {
  "use strict";

  var bar = document.querySelector("[data-share]");
  if (!bar) {
    return;
  }
  var url = bar.getAttribute("data-share-url");
  var title = bar.getAttribute("data-share-title");
  var status = bar.querySelector("[data-share-status]");
  var field = bar.querySelector("[data-share-field]");
  var input = field ? field.querySelector("input") : null;

  function announce(text) {
    // Emptied first so that the same sentence is read again.
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function offer(selector, action) {
    var button = bar.querySelector(selector);
    if (button) {
      button.parentNode.hidden = false;
      button.addEventListener("click", action);
    }
  }

  function showField() {
    if (field && input) {
      field.hidden = false;
      input.focus();
      input.select();
    }
  }

  if (input) {
    input.addEventListener("focus", function () { input.select(); });
  }

  // The clipboard is open to scripts only on HTTPS pages (and localhost).
  if (navigator.clipboard && window.isSecureContext) {
    if (field) {
      field.hidden = true;
    }
    offer("[data-share-copy]", function () {
      navigator.clipboard.writeText(url).then(function () {
        announce("Đã sao chép liên kết bài viết.");
      }, function () {
        showField();
        announce("Chưa sao chép được. Liên kết đã được chọn trong ô bên dưới, hãy sao chép bằng tay.");
      });
    });
  }

  if (navigator.share) {
    offer("[data-share-native]", function () {
      navigator.share({ title: title, url: url }).catch(function () {
        // The reader closed the share sheet: nothing to say.
      });
    });
  }

  if (window.print) {
    offer("[data-share-print]", function () { window.print(); });
  }
})();
