// Hovering a bar or point of a chart, or moving through them with the arrow keys once the
// chart has focus, shows that value in words under the chart (and tells screen readers).
// The values are on the bars and in the "Show the data" table already: nothing needs this.
for (const figure of document.querySelectorAll("[data-chart-figure]:not([data-chart-ready])")) {
    figure.dataset.chartReady = "";
    const svg = figure.querySelector("svg[data-chart]");
    const marks = svg ? [...svg.querySelectorAll("[data-chart-value]")] : [];
    if (!marks.length) continue;

    const readout = document.createElement("p");
    readout.className = "chart__readout";
    readout.setAttribute("aria-live", "polite");
    svg.parentElement.after(readout);

    let current = -1;
    const clear = () => {
        marks[current]?.classList.remove("is-active");
        readout.textContent = "";
    };
    const show = (index) => {
        marks[current]?.classList.remove("is-active");
        current = index;
        marks[current].classList.add("is-active");
        readout.textContent = marks[current].dataset.chartValue;
    };

    marks.forEach((mark, index) => mark.addEventListener("pointerenter", () => show(index)));
    svg.addEventListener("pointerleave", () => {
        if (document.activeElement !== svg) clear();
    });

    svg.setAttribute("tabindex", "0");
    svg.addEventListener("focus", () => show(Math.max(current, 0)));
    svg.addEventListener("blur", clear);
    svg.addEventListener("keydown", (event) => {
        const moves = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 };
        let next;
        if (event.key in moves) next = (current + moves[event.key] + marks.length) % marks.length;
        else if (event.key === "Home") next = 0;
        else if (event.key === "End") next = marks.length - 1;
        else return;
        event.preventDefault();
        show(next);
    });
}
