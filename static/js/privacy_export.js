// Privacy centre: follow a data export's progress without reloading the page.
// Without JavaScript the page refreshes itself (a <noscript> meta refresh) until it is ready.
(function () {
    "use strict";
    var box = document.querySelector("[data-export-status-url]");
    if (!box) {
        return;
    }
    var url = box.getAttribute("data-export-status-url");
    var bar = box.querySelector("progress");
    var label = box.querySelector("[data-export-label]");
    var percent = box.querySelector("[data-export-progress]");
    var download = box.querySelector("[data-export-download]");
    var link = box.querySelector("[data-export-link]");
    var delay = 1500;

    function render(state) {
        box.setAttribute("data-export-state", state.status);
        bar.value = state.progress;
        bar.textContent = state.progress + " %";
        label.textContent = state.label;
        percent.textContent = state.progress;
        if (state.download_url) {
            link.href = state.download_url;
            download.hidden = false;
        }
    }

    function poll() {
        fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
            .then(function (response) {
                if (!response.ok) {
                    throw new Error("status " + response.status);
                }
                return response.json();
            })
            .then(function (state) {
                render(state);
                if (state.status === "pending" || state.status === "running") {
                    window.setTimeout(poll, delay);
                }
            })
            .catch(function () {
                window.setTimeout(poll, delay * 4);
            });
    }

    var initial = box.getAttribute("data-export-state");
    if (initial === "pending" || initial === "running") {
        poll();
    }
})();
