// Client sign-up: the company fieldset is shown only to companies. Without JavaScript it
// stays visible and the server checks it only for companies.
(function () {
    "use strict";
    var fieldset = document.querySelector("[data-company-fields]");
    var radios = document.querySelectorAll("input[name='client_kind']");
    if (!fieldset || !radios.length) {
        return;
    }
    function update() {
        var checked = document.querySelector("input[name='client_kind']:checked");
        fieldset.hidden = !checked || checked.value !== "company";
    }
    radios.forEach(function (radio) {
        radio.addEventListener("change", update);
    });
    update();
})();
