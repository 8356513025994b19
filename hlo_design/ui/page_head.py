"""What a dashboard puts at the top of the browser window: the tab's title and, on a case page, the navigation bar.

Voilà names every tab after its notebook file (``01_diagnose``): a coach with
a phase, the start page and the meeting page open cannot tell the tabs apart,
nor can a stakeholder find the page again in the history. The kernel cannot
set the title itself, so a small front-end widget does: ``document.title`` is
set as text, never parsed as HTML.

The bar must stay in view however far the room scrolls. In Voilà the page
scrolls inside a container, not the document, and a notebook output is a
clipped box of its own where ``position: sticky`` would stick only within that
output. So the front end moves the bar (markup built and escaped in
:mod:`hlo_design.render.navigation`) to the top of the page's scrolling
container, where ``position: sticky; top: 0`` holds for the whole page.

Shown only in a dashboard (:func:`show_page_head`): papermill runs, nbval and
the golden outputs of the notebooks stay as they were.
"""

from __future__ import annotations

import anywidget
import traitlets
from IPython.display import display
from markupsafe import Markup

from hlo_design.ui.session import in_dashboard

__all__ = ["PageHead", "show_page_head"]


class PageHead(anywidget.AnyWidget):
    """Sets the tab's title; puts ``bar`` (trusted markup of ours) at the top of the page's scrolling container."""

    _esm = """
    export default {
      render({ model, el }) {
        el.style.display = "none";
        const title = () => { document.title = model.get("title"); };
        model.on("change:title", title);
        title();
        const markup = model.get("bar");
        if (!markup) return;
        const bar = document.createElement("div");
        bar.className = "hlo-nav-host";
        bar.style.display = "contents";  // the bar itself, not this wrapper, must be the scroller's child to stick
        bar.innerHTML = markup;
        // the outermost scrolling box around this output (Voilà's page panel), else the document itself
        const place = () => {
          if (!el.isConnected) return requestAnimationFrame(place);
          let scroller = document.body;
          for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
            if (["auto", "scroll"].includes(getComputedStyle(node).overflowY)) scroller = node;
          }
          scroller.prepend(bar);
          // edge to edge and flush with the window's top: sticky stops at the scroller's padding otherwise
          const nav = bar.querySelector("nav");
          const padding = getComputedStyle(scroller);
          const px = (side) => -parseFloat(padding["padding" + side] || "0") + "px";
          if (nav) Object.assign(nav.style, { top: px("Top"), marginLeft: px("Left"), marginRight: px("Right") });
        };
        place();
        return () => bar.remove();
      },
    };
    """
    title = traitlets.Unicode("").tag(sync=True)
    bar = traitlets.Unicode("").tag(sync=True)


def show_page_head(title: str, bar: Markup | None = None) -> None:
    """In a dashboard, name the tab ``title`` and show the navigation ``bar``; elsewhere nothing."""
    if in_dashboard():
        display(PageHead(title=title, bar=str(bar or "")))
