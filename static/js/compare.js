/* Before/after comparison: without JavaScript both images stand side by side; with it, a
   labelled range input (keyboard and screen-reader friendly) reveals one over the other. */
(function () {
    "use strict";
    var lang = document.documentElement.lang || "fr";
    var label = lang === "en" ? "Compare before and after" : "Comparer avant et après";
    document.querySelectorAll("[data-compare]").forEach(function (figure, index) {
        var images = figure.querySelector(".compare__images");
        if (!images || figure.querySelectorAll("img").length < 2) { return; }
        var id = "compare-" + index;
        var wrapper = document.createElement("div");
        wrapper.className = "compare__control";
        var text = document.createElement("label");
        text.htmlFor = id;
        text.textContent = label;
        var range = document.createElement("input");
        range.type = "range";
        range.id = id;
        range.min = "0";
        range.max = "100";
        range.value = "50";
        var update = function () {
            figure.style.setProperty("--compare", range.value + "%");
            range.setAttribute("aria-valuetext", range.value + " %");
        };
        range.addEventListener("input", update);
        wrapper.appendChild(text);
        wrapper.appendChild(range);
        figure.insertBefore(wrapper, figure.querySelector("figcaption"));
        figure.classList.add("compare--slider");
        update();
    });
})();
