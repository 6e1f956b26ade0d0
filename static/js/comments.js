/* Comment form. The article page is the same for every reader (a shared
   cache keeps it), so its form comes without this reader's CSRF token and
   captcha: they are fetched from the form's "parts" address when the reader
   starts writing, and again for "Lấy lại mã bảo mật". Without JavaScript the
   form still works: sending it brings the form back, everything typed kept,
   with a captcha of its own; the refresh link opens that page too. */
(function () {
  "use strict";

  var form = document.querySelector(".comment-form");
  if (!form) {
    return;
  }
  var partsUrl = form.getAttribute("data-parts-url");
  var refresh = form.querySelector(".captcha__refresh");
  var status = form.querySelector("[data-captcha-status]");
  var image = form.querySelector(".captcha__image");
  var key = form.querySelector('input[name="captcha_0"]');
  var answer = form.querySelector('input[name="captcha_1"]');
  var token = form.querySelector('input[name="csrfmiddlewaretoken"]');
  var submit = form.querySelector('button[type="submit"]');
  var submitLabel = submit ? submit.textContent : "";
  var loading = null;

  function announce(text) {
    if (status) {
      // Emptied first so that the same sentence is read again.
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
  }

  // This reader's token and a new captcha; resolves to true when they are in
  // the form. `fresh`: the reader asked for a new picture, so what they typed
  // for the old one goes.
  function loadParts(fresh) {
    if (loading) {
      return loading;
    }
    if (!partsUrl || !window.fetch || !image || !key || !token) {
      return Promise.resolve(false);
    }
    refresh && refresh.setAttribute("aria-busy", "true");
    loading = window.fetch(partsUrl, {
      headers: { "Accept": "application/json" },
      credentials: "same-origin",
      cache: "no-store"
    }).then(function (response) {
      if (!response.ok) {
        throw new Error("HTTP " + response.status);
      }
      return response.json();
    }).then(function (parts) {
      token.value = parts.csrf_token;
      key.value = parts.captcha_key;
      image.src = parts.captcha_image;
      if (image.hasAttribute("data-drawn-alt")) {
        image.alt = image.getAttribute("data-drawn-alt");
        image.removeAttribute("data-drawn-alt");
      }
      if (answer && fresh) {
        answer.value = "";
      }
      return true;
    }).catch(function () {
      // Sending the form without them brings back the form with its own captcha.
      return false;
    }).then(function (loaded) {
      loading = null;
      refresh && refresh.removeAttribute("aria-busy");
      return loaded;
    });
    return loading;
  }

  function hasParts() {
    return Boolean(key && key.value && token && token.value);
  }

  form.addEventListener("focusin", function () {
    if (!hasParts()) {
      loadParts();
    }
  });

  if (refresh) {
    refresh.addEventListener("click", function (event) {
      if (!partsUrl || !window.fetch) {
        return; // the link's own page draws a new captcha
      }
      event.preventDefault();
      // A picture already on its way (the reader has just reached the form
      // by this link, or pressed it twice) is the new one they asked for:
      // it is announced when it comes, and no other is asked for.
      (loading || loadParts(true)).then(function (loaded) {
        if (loaded) {
          announce("Đã có mã xác nhận mới. Hãy nhập các chữ trong ảnh mới.");
        } else {
          window.location.assign(refresh.href);
        }
      });
    });
  }

  form.addEventListener("submit", function (event) {
    if (form.getAttribute("data-submitting")) {
      event.preventDefault();
      return;
    }
    // Sent before this reader's captcha arrived (or without it): the form
    // comes back with every mistake listed and a captcha of its own.
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
