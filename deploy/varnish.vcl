vcl 4.1;

# Varnish 7 in front of gunicorn for longbien: nginx (TLS) → Varnish → gunicorn.
# Install as /etc/varnish/longbien.vcl and run
#
#     varnishd -a 127.0.0.1:6081 -f /etc/varnish/longbien.vcl -s malloc,256m
#
# (docs/deploy.md, "Varnish in front of gunicorn"). Needs the xkey vmod from
# varnish-modules (apt-get install varnish varnish-modules).
#
# What Django promises (and tests/test_varnish_vcl.py checks against a stub):
# - pages every anonymous reader sees alike come with
#   "Cache-Control: public, max-age=0, s-maxage=N, stale-while-revalidate=30,
#   stale-if-error=86400", a weak ETag, no Set-Cookie and a header
#   "xkey: a12 c3 home …" naming what the page shows;
# - everything else is "private, no-cache" or "no-store";
# - after each commit it sends "PURGE /" with "xkey-purge: a12 c3 home" to every
#   front cache listed in FRONT_CACHE_URLS.
# Only responses marked public are stored; the rest goes through untouched.
#
# Three things to edit for a server: the backend address (below), the purge
# ACL (below) and the admin path in vcl_recv when ADMIN_PATH is not quan-tri/.

import std;
import xkey;

# gunicorn: deploy/gunicorn.conf.py binds 127.0.0.1:8000 (GUNICORN_BIND).
backend django {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    # A little over gunicorn's 30 s worker timeout, and under nginx's 35 s
    # proxy_read_timeout, so that nginx gets Varnish's answer (a stale copy
    # or the maintenance page) rather than its own 504.
    .first_byte_timeout = 32s;
    .between_bytes_timeout = 10s;
    # /healthz answers 200 "ok", or 503 when the database does not answer.
    # Two failed probes out of the last three mark Django sick within about
    # four seconds; it starts healthy.
    .probe = {
        .url = "/healthz";
        .expected_response = 200;
        .timeout = 1s;
        .interval = 2s;
        .window = 3;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: this machine. Add the app servers' addresses (or their
# private network) when Django runs on other machines than Varnish.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Set by this VCL only (vcl_synth restarts with it); never by a client.
    if (req.restarts == 0) {
        unset req.http.X-Longbien-Stale-Ok;
    }
    unset req.http.X-Longbien-Lookup;
    unset req.http.X-Purged;

    if (req.http.Host) {
        set req.http.Host = std.tolower(req.http.Host);
    } elsif (req.proto == "HTTP/1.1") {
        return (synth(400));
    }

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403));
        }
        if (req.http.xkey-purge) {
            # A hard purge: every object carrying one of the tags is gone, so
            # the next reader waits for a fresh page rather than a stale one.
            set req.http.X-Purged = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged"));
        }
        call longbien_normalise_query;
        return (purge);
    }

    # Writes and anything unusual go to Django as they are.
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }

    # The admin: edit the path when ADMIN_PATH is not "quan-tri/".
    if (req.url ~ "^/quan-tri/") {
        return (pass);
    }
    # Comment posting and the form's private parts, captcha images and their
    # refresh, the read-count beacon, the editor's image upload and the
    # health check.
    if (req.url ~ "^/(binh-luan|ma-xac-nhan|captcha|luot-doc|bien-tap)/" ||
        req.url ~ "^/healthz/?(\?|$)") {
        return (pass);
    }

    # A signed-in user (staff) or a reader with a one-time message waiting
    # gets a page of their own.
    if (req.http.Cookie ~ "(^|;)\s*(sessionid|__Host-sessionid|messages)=" ||
        req.http.Authorization) {
        return (pass);
    }

    # Everyone else shares one copy: the CSRF token and analytics cookies do
    # not change a public page.
    unset req.http.Cookie;
    call longbien_normalise_query;

    # Django up: never a stale page (a scheduled article that fell due, or a
    # purge that just happened, must show at once). Django down, or a fetch
    # that just failed (the restart in vcl_synth): stale pages, within the
    # object's grace, rather than an error.
    if (req.http.X-Longbien-Stale-Ok) {
        # req.grace outlives a restart: lift the limit again, leaving the
        # object's own grace (beresp.grace) to decide.
        set req.grace = 365d;
    } elsif (std.healthy(req.backend_hint)) {
        set req.grace = 0s;
    }
    set req.http.X-Longbien-Lookup = "1";
    return (hash);
}

# Keep only the query parameters pages read, in a fixed order, so that
# ?utm_source=…&fbclid=… and ?b=1&a=2 / ?a=2&b=1 share one object. Django then
# sees the same normalised URL.
sub longbien_normalise_query {
    if (req.url ~ "\?") {
        if (req.url ~ "^/tim-kiem/") {
            # Search: the page number, the words, section, dates, order, the
            # words to take as typed and the article the results go on after
            # (every field of news.forms.SearchForm).
            set req.url = regsuball(req.url,
                "(?<=[?&])(?!(?:trang|q|chuyen_muc|tu_ngay|den_ngay|sap_xep|nguyen_van|truoc)(?:[=&]|$))[^&]*(?:&|$)",
                "");
        } else {
            # Everywhere: the page number.
            set req.url = regsuball(req.url, "(?<=[?&])(?!trang(?:[=&]|$))[^&]*(?:&|$)", "");
        }
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
}

sub vcl_backend_fetch {
    unset bereq.http.X-Longbien-Lookup;
    unset bereq.http.X-Longbien-Stale-Ok;
}

# Whether Varnish holds an older copy of what it is fetching: it then asks
# Django conditionally (If-None-Match with the copy's ETag).
sub longbien_stale_copy_held {
    if (bereq.is_bgfetch ||
        ((!bereq.uncacheable || bereq.is_hitmiss) &&
         (bereq.http.If-None-Match || bereq.http.If-Modified-Since))) {
        set bereq.http.X-Longbien-Stale-Held = "1";
    } else {
        unset bereq.http.X-Longbien-Stale-Held;
    }
}

sub vcl_backend_response {
    # An error from Django where an older copy is held: give up this fetch,
    # which leaves the copy in place. A background refresh just ends (the
    # reader already has the copy); a reader waiting for this fetch is
    # restarted by vcl_synth and served the copy (stale-if-error).
    call longbien_stale_copy_held;
    if (beresp.status >= 500 && bereq.http.X-Longbien-Stale-Held) {
        return (abandon);
    }
    if (bereq.uncacheable) {
        # Passed requests and hit-for-miss fetches: nothing to store.
        return (deliver);
    }
    # Store only what Django marks public and that sets no cookie. Anything
    # else (private pages, a 404 or 500 without Cache-Control, which Varnish
    # would otherwise keep for default_ttl) is remembered for a few seconds as
    # "fetch again" (hit-for-miss), which never serves it to anyone else.
    if (beresp.http.Cache-Control !~ "(?i)(^|,)\s*public\s*(,|$)" ||
        beresp.http.Cache-Control ~ "(?i)(^|,)\s*(private|no-cache|no-store)\b" ||
        beresp.http.Set-Cookie ||
        beresp.http.Vary == "*" ||
        beresp.ttl <= 0s) {
        set beresp.ttl = 10s;
        if (beresp.http.X-Drawn-During-Change) {
            # A public page Django drew while what it shows was changing:
            # fetch again in a moment, not for ten seconds of readers each
            # costing a page.
            set beresp.ttl = 1s;
        }
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Keep public objects past their s-maxage for outages: as long as Django's
    # stale-if-error says, or a day. While Django is healthy vcl_recv never
    # serves them stale.
    if (beresp.http.Cache-Control ~ "(?i)stale-if-error=\d+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, "(?i)^.*stale-if-error=(\d+).*$", "\1s"),
            24h);
    } else {
        set beresp.grace = 24h;
    }
    return (deliver);
}

sub vcl_backend_error {
    # Django unreachable or too slow: as for its errors, an older copy held
    # is kept and served (vcl_backend_response).
    call longbien_stale_copy_held;
    if (bereq.http.X-Longbien-Stale-Held) {
        return (abandon);
    }
    # Nothing stored to fall back on: the maintenance page, never cached.
    set beresp.status = 503;
    set beresp.ttl = 0s;
    set beresp.grace = 0s;
    set beresp.uncacheable = true;
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Cache-Control = "no-store";
    set beresp.http.Retry-After = "60";
    set beresp.body = {"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Trang đang bảo trì</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;color:#1a1a1a;max-width:36rem;margin:15vh auto;padding:0 1rem}h1{font-size:1.5rem}</style>
</head>
<body>
<h1>Trang đang bảo trì</h1>
<p>Hệ thống đang bảo trì, bạn vui lòng quay lại sau ít phút.</p>
</body>
</html>
"};
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.xkey;
    unset resp.http.X-Drawn-During-Change;
    unset resp.http.Via;
    unset resp.http.X-Varnish;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    # A fetch given up for an older copy (vcl_backend_response): look again,
    # this time accepting the copy though Django counts as healthy.
    if (resp.status == 503 && req.http.X-Longbien-Lookup && req.restarts == 0) {
        set req.http.X-Longbien-Stale-Ok = "1";
        return (restart);
    }
    unset resp.http.X-Varnish;
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "text/plain; charset=utf-8";
        if (resp.status == 200 && req.http.X-Purged) {
            set resp.http.X-Purged = req.http.X-Purged;
            set resp.body = "purged " + req.http.X-Purged + {"
"};
        } else {
            set resp.body = "" + resp.status + " " + resp.reason + {"
"};
        }
        return (deliver);
    }
    set resp.http.Content-Type = "text/html; charset=utf-8";
    set resp.http.Cache-Control = "no-store";
    if (resp.status >= 500) {
        set resp.http.Retry-After = "60";
        set resp.http.X-Longbien-Title = "Trang đang bảo trì";
        set resp.http.X-Longbien-Text = "Hệ thống đang bảo trì, bạn vui lòng quay lại sau ít phút.";
    } elsif (resp.status == 403) {
        set resp.http.X-Longbien-Title = "Không được phép";
        set resp.http.X-Longbien-Text = "Bạn không có quyền thực hiện yêu cầu này.";
    } else {
        set resp.http.X-Longbien-Title = "Yêu cầu không hợp lệ";
        set resp.http.X-Longbien-Text = "Trình duyệt đã gửi một yêu cầu mà máy chủ không hiểu được.";
    }
    set resp.body = {"<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>"} + resp.http.X-Longbien-Title + {"</title>
<style>body{font:1.125rem/1.6 system-ui,sans-serif;color:#1a1a1a;max-width:36rem;margin:15vh auto;padding:0 1rem}h1{font-size:1.5rem}</style>
</head>
<body>
<h1>"} + resp.http.X-Longbien-Title + {"</h1>
<p>"} + resp.http.X-Longbien-Text + {"</p>
</body>
</html>
"};
    unset resp.http.X-Longbien-Title;
    unset resp.http.X-Longbien-Text;
    return (deliver);
}
