/* The keyboard moderation queue (comments.queue). One key, or one tap, per
   decision: A duyệt, R từ chối, S spam, X thùng rác, P or Enter opens the
   reply box (Ctrl+Enter sends "Duyệt và trả lời", Esc closes it), J/↓ and
   K/↑ move between the comments still waiting, Z undoes the last decision
   while it is offered. A comment held back by the screening (its reasons
   shown) is approved on a second press only. The keys are read off the buttons (data-key), which
   the server draws.

   A decided comment collapses to one line at once and the next comment gets
   the focus, so the moderator never waits for the server; the requests go
   out one at a time, in order, and a refusal (a colleague decided first, a
   lost connection) is shown on the comment and read out. Without
   JavaScript the page lists the comments with links to their own pages. */
(function () {
  "use strict";

  var list = document.querySelector(".queue");
  if (!list) {
    return;
  }
  var page = document.querySelector(".queue-page");
  var statusLine = document.querySelector("[data-queue-status]");
  var end = document.querySelector("[data-queue-end]");
  var template = document.getElementById("queue-reply-form");
  var tokenInput = document.querySelector('input[name="csrfmiddlewaretoken"]');
  var undoSeconds = Number(list.getAttribute("data-undo-seconds")) || 10;
  var addresses = {
    decide: list.getAttribute("data-decide-url"),
    undo: list.getAttribute("data-undo-url"),
    reply: list.getAttribute("data-reply-url")
  };
  var items = Array.prototype.slice.call(list.querySelectorAll(".queue-item"));
  var keys = {}; // "A": "approved", …
  var current = null;
  var offered = []; // decisions that may still be undone, newest last
  var chain = Promise.resolve(); // requests go out one at a time, in order

  var FAILED = {
    403: "Bạn không có quyền làm việc này, hoặc trang đã cũ. Hãy tải lại trang.",
    404: "Bình luận này không còn nữa.",
    500: "Máy chủ gặp lỗi, chưa lưu được. Hãy thử lại."
  };
  var OFFLINE = "Không kết nối được với máy chủ, chưa lưu được. Hãy kiểm tra mạng rồi thử lại.";
  var SIGNED_OUT = "Phiên đăng nhập đã hết. Hãy đăng nhập lại rồi tải lại trang.";

  function announce(text) {
    // Emptied first, so that the same sentence twice is read twice.
    statusLine.textContent = "";
    window.setTimeout(function () { statusLine.textContent = text; }, 30);
  }

  function titleOf(item) {
    return item.querySelector(".queue-item__title").textContent.trim();
  }

  function waitingItems() {
    return items.filter(function (item) { return !item.classList.contains("is-decided"); });
  }

  function setCurrent(item, focus) {
    if (current && current !== item) {
      current.classList.remove("is-current");
      current.removeAttribute("aria-current");
    }
    current = item;
    if (!item) {
      return;
    }
    item.classList.add("is-current");
    item.setAttribute("aria-current", "true");
    if (focus) {
      item.focus({ preventScroll: true });
      var box = item.getBoundingClientRect();
      if (box.top < 0 || box.bottom > window.innerHeight) {
        item.scrollIntoView({ block: "start" });
      }
    }
  }

  // The next comment still waiting after `item` (or before it, when none
  // waits after), or the "all done" note.
  function moveOn(item) {
    var waiting = waitingItems();
    var after = waiting.filter(function (other) {
      return item.compareDocumentPosition(other) & Node.DOCUMENT_POSITION_FOLLOWING;
    });
    var next = after[0] || waiting[waiting.length - 1];
    if (next) {
      setCurrent(next, true);
    } else {
      setCurrent(null);
      item.classList.remove("is-current");
      item.removeAttribute("aria-current");
      if (end) {
        end.hidden = false;
        end.focus();
      }
    }
  }

  function step(direction) {
    var waiting = waitingItems();
    if (!waiting.length) {
      announce("Không còn bình luận nào chờ duyệt trên trang này.");
      return;
    }
    var index = waiting.indexOf(current);
    if (index === -1) {
      index = direction > 0 ? -1 : waiting.length;
    }
    var next = waiting[index + direction];
    if (next) {
      setCurrent(next, true);
    } else {
      announce(direction > 0 ? "Đây là bình luận cuối cùng trên trang." : "Đây là bình luận đầu tiên trên trang.");
    }
  }

  // POST `data` to `url` after the requests already sent; resolves to the
  // answer's JSON, with `ok` false and an `error` in Vietnamese on failure.
  function send(url, data) {
    var request = chain.then(function () {
      return window.fetch(url, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": tokenInput ? tokenInput.value : "", "Accept": "application/json" }
      }).then(function (response) {
        if (response.redirected) {
          return { ok: false, error: SIGNED_OUT };
        }
        return response.json().catch(function () { return {}; }).then(function (answer) {
          if (!answer.ok && !answer.error) {
            answer.error = FAILED[response.status] || FAILED[500];
          }
          answer.conflict = response.status === 409;
          return answer;
        });
      }, function () {
        return { ok: false, error: OFFLINE };
      });
    });
    chain = request.catch(function () {});
    return request;
  }

  function form(fields) {
    var data = new FormData();
    Object.keys(fields).forEach(function (name) { data.append(name, fields[name]); });
    return data;
  }

  // The one-line state of a decided comment: "Đang lưu…", "Đã duyệt" with
  // its undo button, or why nothing was done.
  function collapse(item, text, state, undoable) {
    item.classList.add("is-decided");
    item.classList.remove("is-saving", "is-refused");
    if (state) {
      item.classList.add(state);
    }
    var done = item.querySelector("[data-done]");
    done.querySelector("[data-done-text]").textContent = text;
    done.querySelector("[data-undo]").hidden = !undoable;
    done.hidden = false;
  }

  function expand(item) {
    item.classList.remove("is-decided", "is-saving", "is-refused");
    item.querySelector("[data-done]").hidden = true;
    if (end && waitingItems().length) {
      end.hidden = true;
    }
  }

  function showError(item, text) {
    var note = item.querySelector(".queue-item__error");
    if (!note) {
      note = document.createElement("p");
      note.className = "queue-item__error";
      item.querySelector(".queue-item__body").appendChild(note);
    }
    note.textContent = text;
    note.hidden = !text;
  }

  function isWaiting(item) {
    if (!item.classList.contains("is-decided")) {
      return true;
    }
    var undoable = offered.some(function (entry) { return entry.item === item; });
    announce(item.classList.contains("is-saving") ? "Đang lưu quyết định cho bình luận này."
      : "Bình luận này đã được xử lý." + (undoable ? " Bấm Z để hoàn tác." : ""));
    return false;
  }

  // The counts at the top follow the decisions ("hơn 1000" stays as it is).
  function recount(status, change) {
    var shown = document.querySelector('[data-count="' + status + '"]');
    if (shown && /^[0-9]+$/.test(shown.textContent)) {
      shown.textContent = String(Math.max(0, Number(shown.textContent) + change));
    }
  }

  function offer(item, answer) {
    var entry = { item: item, token: answer.undo, status: answer.status };
    offered.push(entry);
    recount("pending", -1);
    recount(answer.status, 1);
    collapse(item, answer.done, null, true);
    entry.timer = window.setTimeout(function () { withdraw(entry, true); }, undoSeconds * 1000);
  }

  function withdraw(entry, expired) {
    window.clearTimeout(entry.timer);
    offered = offered.filter(function (other) { return other !== entry; });
    if (expired) {
      entry.item.querySelector("[data-undo]").hidden = true;
    }
  }

  function decide(item, status) {
    if (!item || !isWaiting(item)) {
      return;
    }
    var box = item.querySelector("[data-reply-form]");
    if (box && box.querySelector("textarea").value.trim()) {
      announce("Ô trả lời đang có nội dung: hãy gửi (Ctrl+Enter) hoặc đóng (Esc) trước.");
      return;
    }
    if (status === "approved" && !heldConfirmed(item, "A (hoặc nút Duyệt)")) {
      return;
    }
    closeReply(item, false);
    showError(item, "");
    collapse(item, "Đang lưu…", "is-saving", false);
    if (item === current) {
      moveOn(item);
    }
    var fields = { binh_luan: item.getAttribute("data-comment"), status: status };
    send(addresses.decide, form(fields)).then(function (answer) {
      if (answer.ok) {
        offer(item, answer);
        announce(answer.message + " Bấm Z để hoàn tác.");
      } else if (answer.conflict) {
        collapse(item, answer.error, "is-refused", false);
        announce(answer.error);
      } else {
        expand(item);
        showError(item, answer.error);
        announce("Chưa lưu “" + titleOf(item) + "”: " + answer.error);
      }
    });
  }

  function undo(entry) {
    if (!entry) {
      announce("Không còn quyết định nào để hoàn tác.");
      return;
    }
    withdraw(entry, false);
    var item = entry.item;
    item.querySelector("[data-undo]").hidden = true;
    send(addresses.undo, form({ undo: entry.token })).then(function (answer) {
      if (answer.ok) {
        recount(entry.status, -1);
        recount("pending", 1);
        expand(item);
        setCurrent(item, true);
        announce(answer.message);
      } else {
        collapse(item, answer.error, "is-refused", false);
        announce("Không hoàn tác được. " + answer.error);
      }
    });
  }

  // Z: the newest decision still offered, once those on their way are saved.
  function undoLast() {
    chain.then(function () { undo(offered[offered.length - 1]); });
  }

  // The answer already stored for `item`: the one sent from here (taking the
  // approval back keeps it), or the one the page was drawn with.
  function storedReply(item) {
    if (item.sentReply) {
      return item.sentReply;
    }
    var shown = item.querySelector(".queue-item__reply");
    return shown && {
      text: shown.getAttribute("data-reply-text"),
      office: shown.getAttribute("data-reply-office"),
      published: shown.getAttribute("data-reply-published") === "1"
    };
  }

  // The reply box, drawn from the page's <template>, under the comment.
  function openReply(item) {
    if (!item || !template || !isWaiting(item)) {
      return;
    }
    var box = item.querySelector("[data-reply-form]");
    if (!box) {
      box = template.content.firstElementChild.cloneNode(true);
      var suffix = "-" + item.id;
      box.querySelectorAll("[id]").forEach(function (element) { element.id += suffix; });
      box.querySelectorAll("label[for]").forEach(function (label) {
        label.htmlFor += suffix;
      });
      box.querySelectorAll("[aria-describedby]").forEach(function (element) {
        var ids = element.getAttribute("aria-describedby").split(/\s+/);
        element.setAttribute("aria-describedby", ids.map(function (id) { return id + suffix; }).join(" "));
      });
      var existing = storedReply(item);
      if (existing) {
        box.querySelector("textarea").value = existing.text;
        box.querySelector("select").value = existing.office;
        box.querySelector('input[type="checkbox"]').checked = existing.published;
      }
      box.setAttribute("aria-label", "Trả lời “" + titleOf(item) + "”");
      box.addEventListener("submit", function (event) {
        event.preventDefault();
        sendReply(item, box);
      });
      box.addEventListener("keydown", function (event) {
        if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          sendReply(item, box);
        } else if (event.key === "Escape") {
          event.preventDefault();
          closeReply(item, true);
        }
      });
      box.querySelector("[data-close-reply]").addEventListener("click", function () {
        closeReply(item, true);
      });
      item.querySelector(".queue-item__body").appendChild(box);
    }
    item.querySelector("[data-open-reply]").setAttribute("aria-expanded", "true");
    setCurrent(item, false);
    box.querySelector("textarea").focus();
  }

  function closeReply(item, refocus) {
    var box = item.querySelector("[data-reply-form]");
    if (box) {
      box.remove();
      item.querySelector("[data-open-reply]").setAttribute("aria-expanded", "false");
    }
    if (refocus) {
      setCurrent(item, true);
    }
  }

  function showReplyErrors(box, answer) {
    var first = null;
    box.querySelectorAll("[data-errors-for]").forEach(function (list) {
      var messages = (answer.errors || {})[list.getAttribute("data-errors-for")] || [];
      var field = box.querySelector('[name="' + list.getAttribute("data-errors-for") + '"]');
      list.textContent = "";
      messages.forEach(function (message) {
        var line = document.createElement("li");
        line.textContent = message;
        list.appendChild(line);
      });
      list.hidden = !messages.length;
      if (field) {
        // The error is read first, then the field's help.
        if (!field.hasAttribute("data-help")) {
          field.setAttribute("data-help", field.getAttribute("aria-describedby") || "");
        }
        var help = field.getAttribute("data-help");
        if (messages.length) {
          field.setAttribute("aria-invalid", "true");
          field.setAttribute("aria-describedby", (list.id + " " + help).trim());
          first = first || field;
        } else {
          field.removeAttribute("aria-invalid");
          field.setAttribute("aria-describedby", help);
        }
      }
    });
    var others = (answer.errors || {}).__all__ || [];
    var note = box.querySelector("[data-form-error]");
    note.textContent = [answer.error].concat(others).join(" ");
    note.hidden = false;
    return first;
  }

  function heldConfirmed(item, again) {
    // A comment the screening held back (a phone number, a link…) is
    // published only on a second press, once its reasons have been said.
    var held = item.querySelector(".queue-item__held");
    if (!held || item.getAttribute("data-held-confirmed") === "true") {
      return true;
    }
    item.setAttribute("data-held-confirmed", "true");
    var text = held.textContent.trim() + " Bấm " + again + " lần nữa nếu vẫn đăng.";
    showError(item, text);
    announce(text);
    return false;
  }

  function sendReply(item, box) {
    var button = box.querySelector('button[type="submit"]');
    if (button.getAttribute("aria-disabled") === "true") {
      return;
    }
    if (!heldConfirmed(item, "Ctrl+Enter (hoặc nút Duyệt và trả lời)")) {
      return;
    }
    button.setAttribute("aria-disabled", "true");
    announce("Đang gửi câu trả lời…");
    // Typed text stays in the box until the answer says it is saved.
    var fields = new FormData(box);
    fields.append("binh_luan", item.getAttribute("data-comment"));
    send(addresses.reply, fields).then(function (answer) {
      button.removeAttribute("aria-disabled");
      if (answer.ok) {
        item.sentReply = {
          text: box.querySelector("textarea").value,
          office: box.querySelector("select").value,
          published: box.querySelector('input[type="checkbox"]').checked
        };
        closeReply(item, false);
        offer(item, answer);
        announce(answer.message + " Bấm Z để hoàn tác việc duyệt.");
        moveOn(item);
      } else if (answer.conflict) {
        closeReply(item, false);
        collapse(item, answer.error, "is-refused", false);
        announce(answer.error);
        moveOn(item);
      } else {
        var field = showReplyErrors(box, answer);
        announce(answer.error);
        (field || box.querySelector("textarea")).focus();
      }
    });
  }

  function isTyping(target) {
    return target.isContentEditable || !!target.closest("input, textarea, select, [data-reply-form]");
  }

  function keyOf(event) {
    if (event.key && event.key.length === 1 && /[a-z]/i.test(event.key)) {
      return event.key.toUpperCase();
    }
    // Another keyboard layout: the key where the Latin letter would be.
    if (event.key && event.key.length === 1 && /^Key[A-Z]$/.test(event.code || "")) {
      return event.code.slice(3);
    }
    return event.key;
  }

  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.defaultPrevented || event.ctrlKey || event.altKey || event.metaKey || isTyping(target)) {
      return;
    }
    if (!page.contains(target) && !target.contains(page)) {
      return; // the admin's header and its links keep their keys
    }
    var key = keyOf(event);
    var onControl = !!target.closest("button, a, summary");
    var handled = true;
    if (key === "J" || key === "ArrowDown") {
      step(1);
    } else if (key === "K" || key === "ArrowUp") {
      step(-1);
    } else if (key === "Z") {
      undoLast();
    } else if (keys[key]) {
      decide(current, keys[key]);
    } else if ((key === "P" || (key === "Enter" && !onControl)) && template) {
      openReply(current);
    } else if (key === "Escape" && current && current.querySelector("[data-reply-form]")) {
      closeReply(current, true);
    } else {
      handled = false;
    }
    if (handled) {
      event.preventDefault();
    }
  });

  // A click or tap on a comment's buttons; focus anywhere inside a comment
  // makes it the current one.
  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    var item = event.target.closest(".queue-item");
    if (!button || !item) {
      return;
    }
    if (button.hasAttribute("data-status")) {
      setCurrent(item, false);
      decide(item, button.getAttribute("data-status"));
    } else if (button.hasAttribute("data-open-reply")) {
      if (item.querySelector("[data-reply-form]")) {
        closeReply(item, true);
      } else {
        openReply(item);
      }
    } else if (button.hasAttribute("data-undo")) {
      undo(offered.filter(function (entry) { return entry.item === item; })[0]);
    }
  });
  list.addEventListener("focusin", function (event) {
    var item = event.target.closest(".queue-item");
    if (item && item !== current && !item.classList.contains("is-decided")) {
      setCurrent(item, false);
    }
  });

  items.forEach(function (item) {
    var actions = item.querySelector("[data-actions]");
    if (actions) {
      actions.hidden = false;
      actions.querySelectorAll("[data-key]").forEach(function (button) {
        keys[button.getAttribute("data-key")] = button.getAttribute("data-status");
      });
    }
  });
  var help = document.querySelector("[data-queue-help]");
  if (help) {
    help.hidden = false;
  }
  if (items.length) {
    setCurrent(items[0], true);
  }
}());
