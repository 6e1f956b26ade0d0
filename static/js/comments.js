/* Comment form: a new captcha without reloading the page, and no double submit.
   Without JavaScript the form still works: "Lấy lại mã bảo mật" reloads the page. */
(function () {
  "use strict";

  var form = document.querySelector(".comment-form");
  if (!form) {
    return;
  }
  var refresh = form.querySelector(".captcha__refresh");
  var status = form.querySelector("[data-captcha-status]");
  var image = form.querySelector(".captcha__image");
  var key = form.querySelector('input[name="captcha_0"]');
  var answer = form.querySelector('input[name="captcha_1"]');
  var submit = form.querySelector('button[type="submit"]');
  var submitLabel = submit ? submit.textContent : "";
  var busy = false;

  function announce(text) {
    if (status) {
      // Emptied first so that the same sentence is read again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  if (refresh && image && key && window.fetch) {
    refresh.addEventListener("click", function (event) {
      event.preventDefault();
      if (busy) {
        return;
      }
      busy = true;
      refresh.setAttribute("aria-busy", "true");
      // django-simple-captcha answers only requests that carry this header.
      window.fetch(refresh.getAttribute("data-refresh-url"), {
        headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" },
        credentials: "same-origin",
        cache: "no-store"
      }).then(function (response) {
        if (!response.ok) {
          throw new Error("HTTP " + response.status);
        }
        return response.json();
      }).then(function (data) {
        image.src = data.image_url;
        key.value = data.key;
        if (answer) {
          answer.value = "";
        }
        announce("Đã có mã xác nhận mới. Hãy nhập các chữ trong ảnh mới.");
      }).catch(function () {
        // Fall back on what the link does without JavaScript: reload the page.
        window.location.assign(refresh.href);
      }).then(function () {
        busy = false;
        refresh.removeAttribute("aria-busy");
      });
    });
  }

  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-submitting")) {
      event.preventDefault();
      return;
    }
    form.setAttribute("data-submitting", "true");
    if (submit) {
      submit.setAttribute("aria-disabled", "true");
      submit.textContent = "Đang gửi…";
    }
  });

  // Coming back to the page from the history cache: the form is usable again.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      form.removeAttribute("data-submitting");
      if (submit) {
        submit.removeAttribute("aria-disabled");
        submit.textContent = submitLabel;
      }
    }
  });

  // After a mistake, move to the list of errors so that it is read first.
  // Done after "load": the browser's own scroll to #viet-binh-luan moves the
  // focus to the page when it happens, and it happens late in loading.
  var errors = document.getElementById("loi-binh-luan");
  if (errors) {
    window.addEventListener("load", function () {
      window.setTimeout(function () { errors.focus(); }, 0);
    });
  }
})();
