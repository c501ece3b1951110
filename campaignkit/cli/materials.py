"""The material commands: leaflet, placard, factsheet, signup, signatories and social, one API call each."""

from __future__ import annotations

from pathlib import Path

import click

from ..options import LEAFLET_PAPERS, PLACARD_SIZES, SHEET_PAPERS
from . import main
from .options import (
    Millimetres,
    PaperChoice,
    bleed_option,
    campaign_argument,
    day,
    font_option,
    force_option,
    grayscale_option,
    lang_option,
    load_campaign,
    make_material,
    output_option,
    press_option,
    report,
    sheet_paper_option,
    sheets_option,
    today_option,
)
from .output import plural, say, timed


@main.command(example="campaignkit leaflet my-campaign.toml --paper A5 --lang ru -o leaflet.pdf")
@campaign_argument
@output_option
@click.option("--paper", type=PaperChoice(LEAFLET_PAPERS), default="A4", show_default=True, help="Paper size.")
@lang_option
@font_option
@click.option("--statement", metavar="ID", help="Only this statement's demands (default: all).")
@click.option("--event", metavar="ID", help="The event to show (default: the next one to come).")
@click.option("--two-up", is_flag=True, help="Two leaflets on one A4 (or Letter) sheet, with a cut line.")
@grayscale_option
@force_option
@press_option
@bleed_option("Bleed for a print shop, e.g. 3mm or 0.125in (adds crop marks).")
@today_option
def leaflet(campaign, out, force, paper, lang, statement, event, two_up, grayscale, press, bleed, today) -> None:
    """Make a print-ready leaflet."""
    from ..api import make_leaflet

    rendered = make_material("leaflet", make_leaflet, campaign, out, force, paper=paper, lang=lang,
                             statement=statement, event=event, two_up=two_up, grayscale=grayscale, bleed_mm=bleed,
                             press=press, today=day(today))
    what = "two leaflets per sheet" if two_up else paper
    report(rendered, out, what)
    if two_up:
        say("Print double-sided, flipping on the short edge, then cut along the dashed line.", err=out == "-")


@main.command(example='campaignkit placard --size A2 --tile A4 --slogan "Free them all"')
@campaign_argument
@output_option
@click.option("--size", type=PaperChoice(PLACARD_SIZES), default="A3", show_default=True, help="Placard size.")
@click.option("--landscape/--portrait", default=None,
              help="Fix the orientation (default: whichever gives the larger type, slogan by slogan).")
@click.option("--tile", type=PaperChoice(SHEET_PAPERS), help="Print a large placard on these sheets.")
@click.option("--overlap", type=Millimetres(3, 30), default="10mm", show_default=True,
              help="Glue overlap between tiles.")
@click.option("--slogan", "slogans", multiple=True, metavar="TEXT", help="Slogan to print (repeatable).")
@lang_option
@font_option
@click.option("--double-sided", is_flag=True, help="Each slogan twice, to read from both sides of a stick.")
@grayscale_option
@press_option
@force_option
def placard(campaign, out, force, size, landscape, tile, overlap, slogans, lang, double_sided, grayscale,
            press) -> None:
    """Make placards: one slogan per page, fitted as large as it goes."""
    from ..api import make_placard

    rendered = make_material("placards", make_placard, campaign, out, force, size=size, landscape=landscape,
                             tile=tile, slogans=slogans or None, lang=lang, double_sided=double_sided,
                             grayscale=grayscale, overlap_mm=overlap, press=press)
    for plan in rendered.details:
        say(f"{plan.field}: {plan.fitted.size:.0f} pt on {plural(len(plan.fitted.lines), 'line')}, capitals "
            f"{plan.cap_height_mm:.0f} mm: best from {plan.best_distance_m:.1f} m, legible to about "
            f"{plan.legible_distance_m:.0f} m  \"{plan.text}\"", err=out == "-")
    say("(signage rule: 25 mm of capital height per 3 m for best impact, legible to 4 times that)", err=out == "-")
    report(rendered, out, f"{size}{' on ' + tile + ' sheets' if tile else ''}")


@main.command(example="campaignkit factsheet my-campaign.toml --paper letter -o factsheet.pdf")
@campaign_argument
@output_option
@sheet_paper_option
@lang_option
@font_option
@grayscale_option
@press_option
@force_option
@today_option
def factsheet(campaign, out, force, paper, lang, grayscale, press, today) -> None:
    """Make a fact sheet: timeline, figures, demands and QR-linked sources."""
    from ..api import make_factsheet

    rendered = make_material("fact sheet", make_factsheet, campaign, out, force, paper=paper, lang=lang,
                             grayscale=grayscale, press=press, today=day(today))
    report(rendered, out, paper)


@main.command(example="campaignkit signup my-campaign.toml --sheets 10 -o signup.pdf")
@campaign_argument
@output_option
@sheet_paper_option
@sheets_option(1)
@lang_option
@font_option
@grayscale_option
@press_option
@force_option
@today_option
def signup(campaign, out, force, paper, sheets, lang, grayscale, press, today) -> None:
    """Make numbered petition and sign-up sheets."""
    from ..api import make_signup

    rendered = make_material("sign-up sheets", make_signup, campaign, out, force, paper=paper, lang=lang,
                             sheets=sheets, grayscale=grayscale, press=press, today=day(today))
    report(rendered, out, f"{paper} landscape")


@main.command(example="campaignkit signatories open-letter.toml --paper letter -o signatories.pdf")
@campaign_argument
@output_option
@sheet_paper_option
@lang_option
@click.option("--statement", metavar="ID", help="Only this statement's signatories (default: all).")
@font_option
@grayscale_option
@press_option
@force_option
def signatories(campaign, out, force, paper, lang, statement, grayscale, press) -> None:
    """Make the signatory annex: every signatory, in columns, as the campaign orders them."""
    from ..api import make_signatories

    rendered = make_material("signatory annex", make_signatories, campaign, out, force, paper=paper, lang=lang,
                             statement=statement, grayscale=grayscale, press=press)
    report(rendered, out, paper)


@main.command(example="campaignkit social my-campaign.toml --lang kk -o cards")
@campaign_argument
@click.option("-o", "--output", "out", type=click.Path(file_okay=False),
              help="Folder for the PNG cards (default: CAMPAIGN-cards in the working folder).")
@lang_option
@font_option
@force_option
def social(campaign, out, lang, force) -> None:
    """Make social media cards (square and story PNGs) for every slogan."""
    from ..api import make_social

    loaded = load_campaign(campaign)
    folder = Path(out) if out else Path(f"{loaded.id}-cards" + (f"-{lang}" if lang else ""))
    with timed("made the cards"):
        cards = make_social(loaded, folder, lang=lang, force=force)
    for card in cards:
        say(f"Wrote {folder / card.name} ({card.page_size[0]}x{card.page_size[1]}, {len(card.data) / 1024:.0f} KB)")
