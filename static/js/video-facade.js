// Video facades: a poster and a play link stand in for a YouTube or Vimeo player, so
// nothing loads from the video host until the visitor asks for the film. On click the
// player (from the host's privacy-enhanced address, given by the server in
// data-embed-url) replaces the facade. Without JavaScript the link opens the video.

function play(facade) {
    const iframe = document.createElement("iframe");
    iframe.src = facade.dataset.embedUrl;
    iframe.title = facade.dataset.title || "Video player";
    iframe.allow = "autoplay; encrypted-media; fullscreen; picture-in-picture";
    iframe.allowFullscreen = true;
    iframe.referrerPolicy = "strict-origin-when-cross-origin";
    iframe.className = "video-facade__player";
    facade.replaceChildren(iframe);
    facade.classList.add("is-playing");
    iframe.focus();
}

for (const facade of document.querySelectorAll("[data-video-facade]")) {
    const link = facade.querySelector(".video-facade__play");
    if (!link || !facade.dataset.embedUrl) continue;
    link.addEventListener("click", (event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        event.preventDefault();
        play(facade);
    });
}
