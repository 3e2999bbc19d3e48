/* Cookie consent: plain JavaScript, no framework, no build step.
 *
 * The server is the authority: choices are POSTed to it (it records the proof and sets the
 * signed consent cookie), and without JavaScript the same forms work as ordinary posts.
 * This script only makes it smoother: the choice is sent in the background, the banner goes
 * away without a reload, inert scripts of accepted services are activated, the panel opens
 * as a modal dialog (focus moves into it, Escape closes it), and a reset also deletes the
 * analytics cookies from every domain level the browser may hold them on.
 */
(function () {
    "use strict";

    var banner = document.querySelector("[data-consent-banner]");
    var panel = document.getElementById("consent-panel");
    var status = document.querySelector("[data-consent-status]");
    var opener = null;

    function announce(message) {
        if (status) {
            status.textContent = "";
            window.setTimeout(function () { status.textContent = message; }, 50);
        }
    }

    /* Turn <script type="text/plain" data-consent-service="x"> into live scripts for the
     * accepted services. A copy is needed: browsers never run a script whose type changed. */
    function activate(granted) {
        var inert = document.querySelectorAll('script[type="text/plain"][data-consent-service]');
        Array.prototype.forEach.call(inert, function (script) {
            if (granted.indexOf(script.getAttribute("data-consent-service")) === -1) {
                return;
            }
            var live = document.createElement("script");
            Array.prototype.forEach.call(script.attributes, function (attribute) {
                if (attribute.name !== "type" && attribute.name !== "data-src") {
                    live.setAttribute(attribute.name, attribute.value);
                }
            });
            if (script.nonce) {
                live.nonce = script.nonce;
            }
            if (script.getAttribute("data-src")) {
                live.src = script.getAttribute("data-src");
            } else {
                live.text = script.text;
            }
            script.parentNode.replaceChild(live, script);
        });
    }

    function closeBanner() {
        if (panel && panel.open) {
            panel.close();
        }
        if (banner) {
            banner.hidden = true;
        }
        var main = document.getElementById("main");
        if (main) {
            main.focus();
        }
    }

    function submitInBackground(form, submitter) {
        var data = new FormData(form);
        data.set("action", submitter.value);
        // Not form.action: the buttons are named "action", which shadows the property.
        // keepalive: the post completes even when the visitor follows a link at once, so
        // the choice is saved and the banner does not come back on the next page.
        return fetch(form.getAttribute("action"), {
            method: "POST",
            body: data,
            credentials: "same-origin",
            keepalive: true,
            headers: { "Accept": "application/json" }
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("consent not saved: " + response.status);
            }
            return response.json();
        });
    }

    function onChoice(event) {
        var form = event.target;
        var submitter = event.submitter;
        if (!form.hasAttribute("data-consent-form") || !submitter || form.dataset.native) {
            return;
        }
        if (submitter.value === "customize") {
            if (panel && typeof panel.showModal === "function") {
                event.preventDefault();
                opener = submitter;
                panel.showModal();
            }
            return;
        }
        event.preventDefault();
        submitInBackground(form, submitter).then(function (result) {
            activate(result.granted || []);
            closeBanner();
            announce(status ? status.getAttribute("data-saved-message") : "");
        }).catch(function () {
            // The server will answer a normal post (and show an error page if it must).
            form.dataset.native = "1";
            form.requestSubmit(submitter);
        });
    }

    /* Delete a cookie on this host and on every parent domain it may have been set for. */
    function deleteCookie(name) {
        var parts = window.location.hostname.split(".");
        var expired = "=; Max-Age=0; path=/; SameSite=Lax";
        document.cookie = name + expired;
        for (var i = 0; i < parts.length - 1; i += 1) {
            var domain = parts.slice(i).join(".");
            document.cookie = name + expired + "; domain=" + domain;
            document.cookie = name + expired + "; domain=." + domain;
        }
    }

    function patternToRegExp(pattern) {
        var escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
        return new RegExp("^" + escaped + "$");
    }

    function onReset(event) {
        var form = event.target;
        if (!form.hasAttribute("data-consent-reset")) {
            return;
        }
        var patterns = (form.getAttribute("data-consent-cookies") || "").split(/\s+/)
            .filter(Boolean).map(patternToRegExp);
        document.cookie.split(";").forEach(function (pair) {
            var name = pair.split("=")[0].trim();
            if (name && patterns.some(function (re) { return re.test(name); })) {
                deleteCookie(name);
            }
        });
        // The form then posts as usual: the server forgets the choice and shows the banner.
    }

    document.addEventListener("submit", onChoice);
    document.addEventListener("submit", onReset);

    /* A "Réinitialiser les cookies" link in a page's text (the cookie policy) resets the
     * choice as the footer's button does. Without JavaScript it leads to that button. */
    document.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest('a[href$="#reinitialiser-cookies"]') : null;
        var form = document.querySelector("form[data-consent-reset]");
        if (!link || !form) {
            return;
        }
        event.preventDefault();
        form.requestSubmit();
    });

    if (panel) {
        panel.addEventListener("click", function (event) {
            if (event.target.hasAttribute("data-consent-close")) {
                panel.close();
            }
        });
        // Escape closes the dialog natively; either way focus goes back to "Personnaliser".
        panel.addEventListener("close", function () {
            if (opener && banner && !banner.hidden) {
                opener.focus();
            }
        });
    }

    if (banner && !banner.hidden) {
        banner.focus();
    }

    // P8.5: when the browser blocks every cookie, say that logging in needs them.
    if (!navigator.cookieEnabled) {
        Array.prototype.forEach.call(
            document.querySelectorAll("[data-cookies-required]"),
            function (notice) { notice.hidden = false; }
        );
    }
}());
