// The library's author box: its <datalist> filled with the authors' names the first time
// the box is used, from the list its data-suggestions attribute names. The page itself
// carries no names, so it stays small however many people have written; without this
// script, a name typed in full still works.
const box = document.querySelector("input[list][data-suggestions]");
const list = box && document.getElementById(box.getAttribute("list"));

async function fill() {
    const response = await fetch(box.dataset.suggestions, { headers: { Accept: "application/json" } });
    if (!response.ok) {
        return;
    }
    const { authors } = await response.json();
    list.replaceChildren(
        ...authors.map((name) => {
            const option = document.createElement("option");
            option.value = name;
            return option;
        }),
    );
}

if (box && list) {
    box.addEventListener("focus", () => fill().catch(() => {}), { once: true });
}
