// Marks, in a report's contents, the section being read (aria-current), as the reader
// scrolls. Without JavaScript the contents are a plain list of links: nothing needs this.
const contents = document.querySelector("[data-report-contents]");
const links = contents ? [...contents.querySelectorAll("a[data-contents-link]")] : [];
const sections = links
    .map((link) => [link, document.getElementById(decodeURIComponent(link.hash.slice(1)))])
    .filter(([, heading]) => heading);

if (sections.length && "IntersectionObserver" in window) {
    const visible = new Set();
    const mark = () => {
        // The first heading on screen, else the last one scrolled past.
        let current = sections.find(([, heading]) => visible.has(heading));
        if (!current) {
            current = sections.filter(([, heading]) => heading.getBoundingClientRect().top < 0).pop();
        }
        for (const [link] of sections) {
            if (current && link === current[0]) link.setAttribute("aria-current", "true");
            else link.removeAttribute("aria-current");
        }
    };
    const observer = new IntersectionObserver((entries) => {
        for (const entry of entries) {
            if (entry.isIntersecting) visible.add(entry.target);
            else visible.delete(entry.target);
        }
        mark();
    });
    for (const [, heading] of sections) observer.observe(heading);
    // A jump past several sections (a link, the End key) changes no heading's visibility
    // when none is on screen before or after it; the scroll itself still moves the mark.
    let queued = false;
    window.addEventListener(
        "scroll",
        () => {
            if (queued) return;
            queued = true;
            requestAnimationFrame(() => {
                queued = false;
                mark();
            });
        },
        { passive: true },
    );
}
