/* Google Analytics 4, started only once the visitor accepted audience measurement: the page
 * renders this script live only when the server sees that consent, otherwise inert
 * (type="text/plain") for consent.js to activate after an "accept". Consent Mode starts
 * with everything denied and grants analytics storage only; advertising stays denied. */
(function () {
    "use strict";
    var script = document.currentScript;
    var id = script && script.getAttribute("data-measurement-id");
    if (!id || !/^G-[A-Z0-9]{4,20}$/.test(id) || window.retoucherieAnalytics) {
        return;
    }
    window.retoucherieAnalytics = true;
    window.dataLayer = window.dataLayer || [];
    function gtag() { window.dataLayer.push(arguments); }
    window.gtag = window.gtag || gtag;
    gtag("consent", "default", {
        ad_storage: "denied",
        ad_user_data: "denied",
        ad_personalization: "denied",
        analytics_storage: "denied"
    });
    gtag("consent", "update", { analytics_storage: "granted" });
    gtag("js", new Date());
    gtag("config", id, {
        // Host-only cookies that live 13 months at most (policy: "13 mois"; the default is 2 years).
        cookie_domain: "none",
        cookie_expires: 395 * 24 * 60 * 60,
        allow_google_signals: false,
        allow_ad_personalization_signals: false
    });
    var tag = document.createElement("script");
    tag.async = true;
    tag.src = "https://www.googletagmanager.com/gtag/js?id=" + encodeURIComponent(id);
    document.head.appendChild(tag);
}());
