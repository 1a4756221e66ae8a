// Progressive enhancement for the "Share this page" links (components/share_links.html):
// a "Copy link" button, and a "Share" button where the device has its own share sheet.
// Without JavaScript both buttons stay hidden and the plain links still work.
(() => {
    "use strict";

    function announce(status, message) {
        // Clear first so the same message is announced again on a second press.
        status.textContent = "";
        window.setTimeout(() => {
            status.textContent = message;
        }, 50);
    }

    async function copy(text) {
        if (navigator.clipboard && window.isSecureContext) {
            await navigator.clipboard.writeText(text);
            return;
        }
        // Older browsers and plain-HTTP development servers.
        const field = document.createElement("textarea");
        field.value = text;
        field.setAttribute("readonly", "");
        field.className = "visually-hidden";
        document.body.append(field);
        field.select();
        const copied = document.execCommand("copy");
        field.remove();
        if (!copied) {
            throw new Error("copy failed");
        }
    }

    function enhance(section) {
        const url = section.dataset.shareUrl;
        const title = section.dataset.shareTitle;
        const status = section.querySelector("[data-share-status]");
        const copyButton = section.querySelector("[data-share-copy]");
        const nativeButton = section.querySelector("[data-share-native]");

        if (copyButton && status) {
            copyButton.closest("[data-share-copy-item]").hidden = false;
            copyButton.addEventListener("click", async () => {
                try {
                    await copy(url);
                    announce(status, "Link copied to the clipboard.");
                } catch {
                    announce(status, `Could not copy the link. The address is ${url}`);
                }
            });
        }

        if (nativeButton && typeof navigator.share === "function") {
            nativeButton.closest("[data-share-native-item]").hidden = false;
            nativeButton.addEventListener("click", async () => {
                try {
                    await navigator.share({ title, url });
                } catch {
                    // The reader closed the share sheet: nothing to say.
                }
            });
        }
    }

    document.querySelectorAll("[data-share]").forEach(enhance);
})();
