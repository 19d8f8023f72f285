#!/usr/bin/env python3
"""Generate the sample feeds, feeds.json and truth.json for feedmerge.

Everything here is invented: six fictional outlets of a regional news network
(domains under .example) and ten fictional news stories.  Seven of the stories
are "syndicated": every outlet that carries one republishes the same paragraph
texts word for word, but wraps them in its own boilerplate, markup, headline
style and typography.  Three stories appear in one outlet only.

Run:  python3 examples/make_examples.py
Writes (relative to this file):
  feeds/<outlet-id>.xml   4 RSS 2.0 feeds (one ISO-8859-1, one excerpt-only)
                          and 2 Atom 1.0 feeds
  feeds.json              the outlet list the runner reads
  truth.json              which item belongs to which story

Python 3 standard library only.  The output is deterministic: the only
randomness comes from random.Random instances seeded with fixed strings.
"""

import json
import random
import re
import shutil
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from xml.etree import ElementTree
from xml.sax.saxutils import escape as xml_escape

HERE = Path(__file__).resolve().parent
FEEDS_DIR = HERE / "feeds"

# ---------------------------------------------------------------------------
# Stories.  Canonical text uses straight quotes and " -- " for dashes; each
# outlet's typography style turns those into its own characters/entities.
# ---------------------------------------------------------------------------

STORIES = {
    "council-budget-vote": {
        "title": "Carrow Bay council approves $412m budget after late-night vote",
        "swap": ("approves", "passes"),
        "section": "Local",
        "summary": "Councillors voted 7 to 4 for a 2027 spending plan that raises property tax by 2.1 per cent and restores funding for the Eastgate youth centre.",
        "caption": "Carrow Bay City Hall on Linden Street",
        "terms": ("Eastgate youth centre", "$412 million"),
        "paragraphs": [
            "Carrow Bay's city council approved a $412 million budget for 2027 shortly before midnight on Monday, ending three weeks of tense negotiations over library hours, road repairs and a proposed rise in parking charges. The final vote was 7 to 4, with two members who had opposed earlier drafts switching sides after a last-minute amendment restored funding for the Eastgate youth centre.",
            "The budget raises total spending by 3.8 per cent compared with this year. Roughly $96 million is earmarked for transport -- including the resurfacing of 41 kilometres of residential streets and a long-delayed upgrade of the traffic signals along Harbour Road. Property tax rates will increase by 2.1 per cent, below the 2.9 per cent rise the finance committee had recommended in October.",
            "\"Nobody got everything they wanted tonight, and that is usually the sign of a workable compromise,\" said Mayor Denise Okafor, who chaired the session. She said the amendment, which moved $1.6 million from a planned office refurbishment at City Hall to the youth centre, had been \"the right call for the neighbourhoods that need it most.\"",
            "Councillor Graham Whitlock, who voted against the package, said the city was relying on optimistic revenue forecasts. He pointed to a projected $14 million in income from a new waterfront parking scheme that, he argued, had not been tested against the experience of similar towns. \"We are spending money we have not collected yet,\" Whitlock told the chamber.",
            "Library users had packed the public gallery for much of the evening. An earlier draft would have closed four of the city's eleven branches on Sundays. The approved version keeps all of them open, but trims weekday evening hours at two smaller sites, in Millbrook and Fenwick Park, from April next year.",
            "The budget takes effect on January 1. City staff are expected to publish a detailed line-by-line breakdown by November 30, and residents will be able to comment on the capital works programme at two public meetings scheduled for the first week of December.",
        ],
    },
    "rail-strike": {
        "title": "Rail workers announce 48-hour strike over pay and staffing",
        "swap": ("announce", "call"),
        "section": "Transport",
        "summary": "Drivers and station staff on the Northern Crescent network will walk out from November 26 after talks with CrescentRail over pay and guards on late trains broke down.",
        "caption": "A CrescentRail train at Carrow Bay Central station",
        "terms": ("CrescentRail", "48 hours"),
        "paragraphs": [
            "Train drivers and station staff on the Northern Crescent rail network will walk out for 48 hours from 04:00 on Thursday, November 26, their union announced on Tuesday, after talks with the operator CrescentRail broke down over pay and the number of guards on late-night services. The stoppage is expected to halt nearly all of the 1,150 passenger trains that run on the network each day.",
            "The Rail and Transit Workers' Union said 83 per cent of members who took part in the ballot had backed industrial action, on a turnout of 71 per cent. The union is seeking a 6.5 per cent pay rise for 2027 and a written guarantee that a second crew member will remain on every train running after 21:00.",
            "CrescentRail has offered 4.2 per cent, rising to 5 per cent if staff agree to changes in rostering, and says it has no plans to remove guards from trains. \"We have put a fair offer on the table and we remain ready to talk at any hour,\" said the company's operations director, Priya Nandakumar. \"A strike will hurt the very passengers our staff are proud to serve.\"",
            "Union general secretary Tom Becker rejected that account, saying the rostering proposals would lengthen some shifts to more than 11 hours. \"This is not a pay offer, it is a productivity deal dressed up as one,\" he said. Becker added that the union had written to the regional transport minister asking her to appoint an independent mediator before the weekend.",
            "Commuter groups warned that the timing -- in the run-up to the first shopping weekend of the holiday season -- would cause serious disruption. About 310,000 journeys are made on the network on a typical weekday. CrescentRail said replacement buses would run on the busiest routes, but admitted they could carry only a fraction of normal passenger numbers.",
            "Passengers with advance tickets for the strike days will be able to claim a full refund or use their tickets on the day before or up to two days after the action. The company advised people to check its website and app before travelling, and to expect disruption to continue into the morning of Saturday, November 28.",
        ],
    },
    "heater-recall": {
        "title": "Kestrel recalls 220,000 smart heaters after overheating reports",
        "swap": ("recalls", "withdraws"),
        "section": "Business",
        "summary": "About 220,000 Hearthline 2 heaters are affected after a firmware fault left some units partly powered in standby mode.",
        "caption": "A Kestrel Hearthline 2 heater on display in a shop",
        "terms": ("Kestrel Devices", "220,000"),
        "paragraphs": [
            "Kestrel Devices is recalling about 220,000 of its Hearthline smart space heaters after receiving reports that the units can overheat while in standby mode, the company said on Wednesday. The recall covers the Hearthline 2 and Hearthline 2 Max models sold between March 2025 and September 2026, in chains including Home & Hearth and through the company's own website.",
            "According to a notice filed with the national product safety regulator, Kestrel has received 37 reports of heaters becoming hot to the touch after being switched off through the companion app. In four cases the plastic casing melted, and one customer in Dunmore suffered minor burns to her hand. No fires have been reported, the company said.",
            "The fault has been traced to a firmware update released in June -- version 4.12 -- which in rare circumstances leaves the heating element partly powered after the app sends a standby command. Kestrel said an automatic update pushed out on November 14 should prevent the problem, but it is asking all owners to unplug the heaters until they can confirm which software version they are running.",
            "\"Customer safety comes before everything else, and we are sorry for the worry this has caused,\" chief executive Lena Varga said in a statement. \"We would rather ask hundreds of thousands of people to check their heaters than risk a single serious injury.\" Shares in the company fell 6.3 per cent in early trading.",
            "Owners can check whether their device is affected by entering the serial number, printed on a label under the base, on Kestrel's recall page. Those with affected heaters can choose between a full refund and a replacement unit from a new production batch, which the company expects to ship from the middle of December.",
        ],
    },
    "museum-reopening": {
        "title": "Morrow Valley Museum reopens after four-year renovation",
        "swap": ("reopens", "returns"),
        "section": "Culture",
        "summary": "A new glass-roofed wing, a rooftop café and a show of 140 river objects greet visitors after a $58 million rebuild.",
        "caption": "The new glass-roofed wing of the Morrow Valley Museum of Art and History",
        "terms": ("Morrow Valley Museum of Art and History", "$58 million"),
        "paragraphs": [
            "The Morrow Valley Museum of Art and History reopened its doors on Sunday after a four-year, $58 million renovation that has almost doubled its exhibition space. Hundreds of visitors queued along Linden Street before the 10 a.m. opening, some of them bringing folding chairs and flasks of coffee to wait in the cold.",
            "The most visible change is a new glass-roofed wing on the museum's eastern side, designed by the Lisbon-based practice of architect José Almeida. It houses the permanent collection of regional painting -- including the naïve art of farm labourer Agnes Thorley, whose brightly coloured harvest scenes were rediscovered in a barn in 1978.",
            "\"We wanted a building that invites people in rather than one that makes them feel they need permission to enter,\" Almeida said during a tour for reporters on Friday. The original 1912 sandstone building has been restored, and its main hall, closed to the public since the 1990s because of damp, is being used again for temporary exhibitions.",
            "The opening show, 'Rivers of the Valley', brings together 140 objects, from Bronze Age tools recovered during dredging of the Morrow in 2019 to photographs of the 1956 flood. Curator Hannah Dorsey said about a third of the items had never been shown publicly before, having spent decades in storage in the museum's basement.",
            "Other additions include an education centre with two classrooms, a research library open to the public three days a week, and a rooftop café with views across the river to the Carrow hills. Admission to the permanent collection remains free, while tickets for the temporary exhibition cost $12, or $6 for students.",
            "The renovation was funded by a mix of regional government grants, a $9 million gift from the Whitford family foundation and more than 2,300 smaller donations from residents. Museum director Samuel Ikeda said the institution hoped to welcome 250,000 visitors in its first year, nearly three times the number it attracted before closing in 2022.",
        ],
    },
    "drought-report": {
        "title": "Reservoir levels lowest in 20 years, drought report finds",
        "swap": ("finds", "shows"),
        "section": "Environment",
        "summary": "Storage in the Morrow Valley stands at 38 per cent and hosepipe bans are possible from December 1 after the driest summer and autumn on record.",
        "caption": "Exposed banks at Kellerton reservoir in October",
        "terms": ("regional water authority", "38 per cent"),
        "paragraphs": [
            "Reservoirs serving the Morrow Valley are holding just 38 per cent of their capacity, the lowest level recorded at this time of year since 2006, according to a drought assessment published on Thursday by the regional water authority. The report warns that, without above-average winter rainfall, storage could fall below 30 per cent by the end of March.",
            "Rainfall across the catchment between May and October was 46 per cent below the long-term average, making it the driest six-month period since records began in 1891. River flows at the Kellerton gauging station fell to 0.9 cubic metres per second in September, about a quarter of the seasonal norm.",
            "The authority has moved the region to stage two of its drought plan, which allows it to ban the use of hosepipes and the filling of private swimming pools from December 1. Farmers drawing water from rivers under licence will be asked to cut abstraction by 15 per cent, with larger cuts possible in the new year if conditions do not improve.",
            "\"We are not yet at the point where anyone should worry about water coming out of the tap,\" said Dr. Miriam Castell, the authority's head of water resources. \"But the margin is much thinner than we would like, and every litre people save this winter is a litre we will be glad to have in the summer.\"",
            "Environmental groups said the report underlined the need to fix leaks -- which account for an estimated 21 per cent of treated water lost from the network. The authority said it had repaired 4,600 leaks since January and would bring forward a $30 million mains replacement programme by two years.",
        ],
    },
    "football-transfer": {
        "title": "Carrow Bay Athletic sign striker Mateo Ruiz in club-record deal",
        "swap": ("sign", "land"),
        "section": "Sport",
        "summary": "The 24-year-old Uruguayan joins from Deportivo Salto for about $14.5 million when the winter window opens.",
        "caption": "Mateo Ruiz in action for Deportivo Salto",
        "terms": ("Mateo Ruiz", "$14.5 million"),
        "paragraphs": [
            "Carrow Bay Athletic have signed the Uruguayan striker Mateo Ruiz from Deportivo Salto for a club-record fee reported to be around $14.5 million, the club confirmed on Monday evening. The 24-year-old has agreed a four-and-a-half-year contract and will join the squad when the winter transfer window opens on January 1, subject to a work permit.",
            "Ruiz scored 19 goals in 31 league appearances last season and was the second-highest scorer in the Uruguayan top flight. Athletic had watched him for more than a year, according to sporting director Colin Frayne, who travelled to Montevideo twice in October to finalise the deal with the player's representatives.",
            "\"Mateo is quick, he presses from the front and he finishes with both feet,\" manager Ingrid Solberg told reporters at the club's training ground in Hollins Lane. \"We have created a lot of chances this season without converting enough of them. He gives us a different kind of threat, and he is hungry to prove himself in a new league.\"",
            "The previous club record was the $9.8 million Athletic paid for midfielder Kwame Asante in 2023. The deal underlines the ambition of the club's new owners, a consortium led by local businessman Rupert Lyle, who completed their takeover in May and promised to invest in both the first team and the academy.",
            "Athletic sit ninth in the table after 14 matches, six points off the play-off places, having scored only 16 goals, the fewest of any side in the top half. Supporters have called for a new striker since Danny Kerrigan suffered a knee injury in August that is expected to keep him out until March.",
            "Ruiz is expected to be in the stands for Saturday's home match against Redmoor Rovers before returning to Uruguay to complete his paperwork. Season-ticket holders will have the chance to meet him at an open training session at the stadium on January 4.",
        ],
    },
    "rsv-vaccine-study": {
        "title": "RSV vaccine cut hospital admissions among over-75s by 71 per cent, study finds",
        "swap": ("cut", "slashed"),
        "section": "Health",
        "summary": "Health records from 1.9 million older adults show a single dose sharply reduced admissions, intensive care and deaths in its first winter.",
        "caption": "A pharmacist prepares a vaccine dose",
        "terms": ("respiratory syncytial virus", "71 per cent"),
        "paragraphs": [
            "A single dose of a respiratory syncytial virus vaccine reduced hospital admissions for the infection by 71 per cent among people aged 75 and over during its first winter of use, according to a study published on Wednesday. The research, based on health records from 1.9 million older adults across the region, is the largest real-world assessment of the vaccine so far.",
            "The team, led by epidemiologist Dr. Farah Quadri of the Morrow Valley Institute of Public Health, compared 412,000 people who were vaccinated between September 2025 and January 2026 with a similar group who were not. Vaccinated participants were also 64 per cent less likely to need intensive care and 58 per cent less likely to die within 30 days of an RSV diagnosis.",
            "\"These are substantial benefits in the group most at risk, and they are in line with what the clinical trials suggested,\" Quadri said. \"What we cannot yet say is how long the protection lasts, which is why we will keep following the same people through this winter and next.\"",
            "RSV is best known as a cause of bronchiolitis in babies -- but it also causes thousands of hospital admissions among older adults each winter, often worsening existing heart and lung conditions. Before the vaccination programme began, the region recorded an average of about 3,400 RSV admissions a year among people over 75.",
            "The researchers noted that vaccinated people may differ from unvaccinated people in ways the records do not capture, such as how often they see a doctor. To reduce that bias, the study adjusted for 27 factors including age, existing illnesses and previous flu vaccination. Serious side effects were rare, at fewer than three per 100,000 doses.",
            "Uptake in the first year reached 62 per cent among eligible residents, below the 75 per cent target. Health officials said the findings would be used in a campaign this winter aimed at people who had not yet been vaccinated, and that appointments were available through family doctors and at more than 300 pharmacies.",
        ],
    },
    "bridge-collapse-inquiry": {
        "title": "Kellerton bridge collapse inquiry points to corroded support cables",
        "swap": ("points", "links"),
        "section": "Local",
        "summary": "An interim report finds water had been getting into the footbridge's cable anchorages since 2018 and that a detailed inspection was postponed twice.",
        "caption": "The remains of the Kellerton footbridge in March",
        "terms": ("Kellerton footbridge", "eight years"),
        "paragraphs": [
            "Corrosion in the steel cables that supported the Kellerton footbridge had gone undetected for at least eight years before the structure collapsed into the River Morrow in March, an interim report from the independent inquiry concluded on Tuesday. Three people were injured when the central span gave way during the evening rush hour on March 11.",
            "The inquiry, chaired by retired judge Eleanor Vance, found that water had been entering the cable anchorages through cracked seals since at least 2018. Inspections carried out every two years had been visual only, and inspectors were not required to open the anchorage housings, where the worst damage was eventually found.",
            "Structural engineer Renée Fairbanks, who advised the inquiry, told a public hearing that two of the four main cables had lost more than 40 per cent of their cross-section at the anchorages. \"A bridge of this type gives very little warning,\" she said. \"By the time you can see a problem from the deck, it is often too late.\"",
            "The report criticises the county's highways department for failing to act on a 2021 recommendation from consultants to carry out a detailed inspection of the anchorages. The work was postponed twice because of budget constraints, according to internal emails disclosed to the inquiry, and had been rescheduled for the summer of 2026.",
            "Vance said she had found no evidence that any individual acted in bad faith, but that \"a culture of deferring maintenance\" had left the bridge exposed. She recommended that all cable-supported structures in the county be inspected internally within 12 months. Nine such structures are currently in use, including two road bridges.",
            "County officials said they accepted the interim findings in full and had already commissioned the inspections. A temporary crossing at Kellerton is due to open in February, and owners of the café and four shops at the northern end of the old bridge, who say trade has halved, will be offered compensation. The final report is expected next summer.",
        ],
    },
    "rate-decision": {
        "title": "Central bank holds rates at 3.75 per cent but signals cuts next year",
        "swap": ("holds", "keeps"),
        "section": "Business",
        "summary": "The Reserve Bank's board split 6 to 3, with the minority wanting an immediate quarter-point cut as unemployment rose to 4.7 per cent.",
        "caption": "The Reserve Bank headquarters on Castle Street",
        "terms": ("Reserve Bank", "3.75 per cent"),
        "paragraphs": [
            "The Reserve Bank left its benchmark interest rate unchanged at 3.75 per cent on Thursday, as expected, but gave its clearest signal yet that borrowing costs could start to fall in the first half of next year. Six of the nine members of the monetary policy board voted to hold, while three favoured an immediate cut of a quarter of a percentage point.",
            "Annual inflation slowed to 2.6 per cent in October -- from a peak of 7.9 per cent in early 2024 -- and the bank now expects it to reach its 2 per cent target by the third quarter of 2027. Its updated forecasts show economic growth of 1.1 per cent this year and 1.4 per cent next year, slightly weaker than it projected in August.",
            "\"We have made real progress, and if the data continue to move in the direction we expect, it will be appropriate to reduce rates gradually,\" Governor Alistair Mbeki told a press conference. \"But services inflation remains sticky, wage growth is still above levels consistent with our target, and we want to be confident before we act.\"",
            "The three dissenting board members argued that the labour market was cooling faster than the bank's forecasts assumed. Unemployment rose to 4.7 per cent in the three months to September, its highest level in almost four years, and the number of job vacancies has fallen for nine consecutive months.",
            "Financial markets moved to price in a first cut in February, with about 80 basis points of reductions expected by the end of 2027. The currency weakened by 0.6 per cent against the US dollar after the announcement, and yields on two-year government bonds fell to their lowest level since June 2023.",
            "Mortgage lenders said they expected fixed-rate deals to become slightly cheaper over the coming weeks, although several warned that the savings for most households would be modest. The bank's next decision is due on February 4, when it will also publish a new set of economic projections.",
        ],
    },
    "film-festival-award": {
        "title": "Debut drama 'The Salt Years' wins top prize at Carrow Film Festival",
        "swap": ("wins", "takes"),
        "section": "Culture",
        "summary": "Niamh Corrigan's first feature, shot with non-professional actors on the northern coast, won the Golden Heron unanimously.",
        "caption": "Niamh Corrigan with the Golden Heron",
        "terms": ("Carrow International Film Festival", "Golden Heron"),
        "paragraphs": [
            "'The Salt Years', the first feature by director Niamh Corrigan, won the Golden Heron for best film at the Carrow International Film Festival on Thursday night. The drama, about three generations of a family running a failing salt works on the northern coast, was one of 16 films in the main competition, and the only debut.",
            "Jury president Olivier Marchetti, the French cinematographer, called it \"a film of enormous patience and tenderness, which trusts its audience completely.\" He said the jury had reached its decision unanimously after a second screening on Wednesday, adding that Corrigan's use of non-professional actors from the area had \"given the film a truth you cannot rehearse.\"",
            "Accepting the award, Corrigan thanked the residents of Saltcote, the village where the film was shot over 34 days in the winter of 2025. \"Half of this cast had never stood in front of a camera before,\" she said. \"They taught me more about this place than any script could.\" The film was made on a budget of about $1.2 million.",
            "The best director prize went to Tomasz Wilk for 'Night Ferry', a thriller set on an overnight crossing, while the award for best performance was shared by Adaeze Nwosu and Rita Halloran for the two-hander 'Low Tide'. The audience award, voted for by ticket holders, went to the documentary 'Forty Winters', about a mountain rescue team.",
            "This year's festival, the 31st, sold a record 68,000 tickets and screened 182 films from 44 countries. Festival director Marcus Oyelaran said the strong attendance showed there was still an appetite for watching films together in cinemas. 'The Salt Years' is due to be released nationally in March.",
        ],
    },
}

# Headlines of pieces that exist only as "Read More" teasers (not in any feed).
FILLER_HEADLINES = [
    "Five things to do in Carrow Bay this weekend",
    "Why the Morrow Valley's bus network keeps shrinking",
    "Night market returns to Quayside for the winter season",
    "Opinion: Our high streets need more than fairy lights",
    "Schools told to prepare for winter flu wave",
    "Harbour Road roadworks to last until March",
]

# ---------------------------------------------------------------------------
# Outlets.
# ---------------------------------------------------------------------------

OUTLETS = [
    {
        "id": "harbour-gazette", "name": "Harbour Gazette", "domain": "harbourgazette.example",
        "format": "rss", "encoding": "UTF-8", "tz": ("GMT", 0),
        "description": "News, sport and opinion from Carrow Bay and the harbour towns.",
    },
    {
        "id": "valley-courier", "name": "The Valley Courier", "domain": "valleycourier.example",
        "format": "rss", "encoding": "ISO-8859-1", "tz": ("-0500", -5 * 60),
        "description": "Morrow Valley news -- politics, culture, the café economy and everything in between.",
    },
    {
        "id": "northshore-daily", "name": "Northshore Daily", "domain": "northshoredaily.example",
        "format": "rss", "encoding": "UTF-8", "tz": ("+0200", 2 * 60),
        "description": "Headlines from the Northshore Daily. Read the full stories on our website.",
    },
    {
        "id": "metro-wire", "name": "Metro Wire", "domain": "metrowire.example",
        "format": "rss", "encoding": "UTF-8", "tz": ("PST", -8 * 60),
        "description": "Metro Wire: regional news, video and analysis from the Capital Desk Bureau network.",
    },
    {
        "id": "lakeside-herald", "name": "Lakeside Herald", "domain": "lakesideherald.example",
        "format": "atom", "encoding": "UTF-8", "tz": ("+01:00", 60),
        "description": "Independent journalism for the lakeside communities since 1887.",
    },
    {
        "id": "pinecrest-post", "name": "The Pinecrest Post", "domain": "pinecrestpost.example",
        "format": "atom", "encoding": "UTF-8", "tz": ("Z", 0),
        "description": "The Pinecrest Post - local news for Pinecrest and the upper valley.",
    },
]
OUTLET_BY_ID = {o["id"]: o for o in OUTLETS}

# story -> (base time UTC, [(outlet, offset in hours), ...])
# All pairwise gaps between copies of one story are between 1 and 30 hours.
CARRIAGE = {
    "council-budget-vote": (datetime(2026, 11, 17, 5, 40, tzinfo=timezone.utc), [
        ("lakeside-herald", 0), ("harbour-gazette", 2), ("valley-courier", 5.5),
        ("northshore-daily", 11), ("metro-wire", 22)]),
    "rail-strike": (datetime(2026, 11, 17, 14, 20, tzinfo=timezone.utc), [
        ("harbour-gazette", 0), ("metro-wire", 1.25), ("northshore-daily", 3.5),
        ("pinecrest-post", 7), ("lakeside-herald", 14), ("valley-courier", 26)]),
    "heater-recall": (datetime(2026, 11, 18, 9, 5, tzinfo=timezone.utc), [
        ("metro-wire", 0), ("pinecrest-post", 1.5), ("harbour-gazette", 8),
        ("northshore-daily", 19)]),
    "museum-reopening": (datetime(2026, 11, 16, 7, 45, tzinfo=timezone.utc), [
        ("valley-courier", 0), ("pinecrest-post", 4.75), ("metro-wire", 29)]),
    "drought-report": (datetime(2026, 11, 19, 10, 30, tzinfo=timezone.utc), [
        ("northshore-daily", 0), ("lakeside-herald", 3), ("valley-courier", 6.5),
        ("pinecrest-post", 20)]),
    "rsv-vaccine-study": (datetime(2026, 11, 18, 21, 55, tzinfo=timezone.utc), [
        ("pinecrest-post", 0), ("lakeside-herald", 9), ("harbour-gazette", 16)]),
    "rate-decision": (datetime(2026, 11, 19, 13, 15, tzinfo=timezone.utc), [
        ("northshore-daily", 0), ("metro-wire", 1.1), ("lakeside-herald", 5)]),
    "football-transfer": (datetime(2026, 11, 16, 19, 10, tzinfo=timezone.utc), [
        ("harbour-gazette", 0)]),
    "bridge-collapse-inquiry": (datetime(2026, 11, 17, 11, 0, tzinfo=timezone.utc), [
        ("valley-courier", 0)]),
    "film-festival-award": (datetime(2026, 11, 20, 8, 50, tzinfo=timezone.utc), [
        ("pinecrest-post", 0)]),
}

WINDOW = (datetime(2026, 11, 16, tzinfo=timezone.utc), datetime(2026, 11, 21, tzinfo=timezone.utc))

# ---------------------------------------------------------------------------
# Text helpers.
# ---------------------------------------------------------------------------

SMALL_WORDS = {"a", "an", "and", "at", "as", "but", "by", "for", "in", "of", "on", "or", "the", "to", "over", "after"}


def smart_quotes(text):
    out = []
    for i, ch in enumerate(text):
        prev = text[i - 1] if i else " "
        if ch == '"':
            out.append("\u201c" if prev in " (\u00a0" else "\u201d")
        elif ch == "'":
            out.append("\u2018" if prev in " (\u00a0" else "\u2019")
        else:
            out.append(ch)
    return "".join(out)


def typography(text, style):
    """Apply an outlet's typographic conventions.  Only characters change;
    the words stay identical."""
    if style == "curly":            # curly quotes, closed em dash
        return smart_quotes(text).replace(" -- ", "\u2014")
    if style == "straight":         # straight quotes, double hyphen
        return text
    if style == "straight-emdash":  # straight quotes, spaced em dash
        return text.replace(" -- ", " \u2014 ")
    if style == "nbsp-emdash":      # curly quotes, non-breaking space before em dash
        return smart_quotes(text).replace(" -- ", "\u00a0\u2014 ")
    if style == "endash":           # curly quotes, spaced en dash
        return smart_quotes(text).replace(" -- ", " \u2013 ")
    raise ValueError(style)


def html_text(text):
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


NAMED_ENTITIES = {
    "\u2018": "&lsquo;", "\u2019": "&rsquo;", "\u201c": "&ldquo;", "\u201d": "&rdquo;",
    "\u2014": "&mdash;", "\u2013": "&ndash;", "\u00a0": "&nbsp;", "\u00e9": "&eacute;",
    "\u00ef": "&iuml;", "\u2026": "&hellip;",
}


def html_entities(text):
    """html_text plus named entities for typographic characters."""
    text = html_text(text)
    for ch, ent in NAMED_ENTITIES.items():
        text = text.replace(ch, ent)
    return text


def wrap_first(html, term, open_tag, close_tag):
    i = html.find(term)
    if i < 0:
        return html
    return html[:i] + open_tag + term + close_tag + html[i + len(term):]


def title_case(title):
    words = title.split(" ")
    out = []
    for i, w in enumerate(words):
        if i and w.lower() in SMALL_WORDS:
            out.append(w.lower())
        elif w[:1] in "'\"":
            out.append(w[0] + w[1:2].upper() + w[2:])
        else:
            out.append("-".join(part[:1].upper() + part[1:] for part in w.split("-")))
    return " ".join(out)


def swap_word(title, pair):
    old, new = pair
    new_title, n = re.subn(r"\b%s\b" % re.escape(old), new, title, count=1)
    assert n == 1, (title, pair)
    return new_title


def slugify(text):
    text = text.lower().replace("'", "").replace("\u2019", "")
    text = text.replace("é", "e").replace("ï", "i")
    text = re.sub(r"[^a-z0-9]+", "-", text)
    return text.strip("-")


def words(text):
    return len(text.split())


def rfc822(dt_utc, tz):
    name, minutes = tz
    local = dt_utc.astimezone(timezone(timedelta(minutes=minutes)))
    return local.strftime("%a, %d %b %Y %H:%M:%S ") + name


def iso8601(dt_utc, tz):
    name, minutes = tz
    local = dt_utc.astimezone(timezone(timedelta(minutes=minutes)))
    s = local.strftime("%Y-%m-%dT%H:%M:%S")
    return s + ("Z" if name == "Z" else name)


def local_time(dt_utc, tz):
    return dt_utc.astimezone(timezone(timedelta(minutes=tz[1])))


def read_more_headlines(rng, slug, n, when):
    """Teasers for n other pieces: stories that had already broken somewhere
    before `when`, plus a few filler headlines."""
    pool = [s["title"] for k, s in STORIES.items()
            if k != slug and CARRIAGE[k][0] < when] + FILLER_HEADLINES
    return rng.sample(pool, n)


def read_more_positions(rng, n_paragraphs, n):
    """Indices i such that a Read More line goes after paragraph i."""
    return sorted(rng.sample(range(n_paragraphs - 1), n))


# ---------------------------------------------------------------------------
# Per-outlet item rendering.  Each returns a dict with title, link, guid,
# guid_is_permalink, description, html, author, category.
# ---------------------------------------------------------------------------

def render_harbour(slug, story, when, seq):
    o = OUTLET_BY_ID["harbour-gazette"]
    rng = random.Random("harbour-gazette:" + slug)
    headline = smart_quotes(story["title"])
    title = headline + " - Harbour Gazette"
    d = when
    link = f"https://{o['domain']}/{d:%Y/%m/%d}/{slugify(story['title'])}/"
    paras = [html_text(typography(p, "curly")) for p in story["paragraphs"]]
    n_rm = min(len(paras) - 1, 1 + seq % 2)
    rms = read_more_headlines(rng, slug, n_rm, when)
    pos = read_more_positions(rng, len(paras), n_rm)
    parts = ["<p>Posted By : Harbour Gazette</p>"]
    for i, p in enumerate(paras):
        parts.append(f"<p>{p}</p>")
        if i in pos:
            h = rms[pos.index(i)]
            parts.append(f'<p>Read More: <a href="https://{o["domain"]}/{slugify(h)}/">'
                         f"{html_text(smart_quotes(h))}</a></p>")
    parts.append(f'<p>The post <a rel="nofollow" href="{link}">{html_text(headline)}</a> '
                 f'appeared first on <a rel="nofollow" href="https://{o["domain"]}/">Harbour Gazette</a>.</p>')
    first = typography(story["paragraphs"][0], "curly").split()
    return {
        "title": title, "link": link, "guid": link, "guid_is_permalink": True,
        "description": html_text(" ".join(first[:32])) + " [&#8230;]",
        "html": "\n".join(parts), "author": "Harbour Gazette", "category": story["section"],
    }


def render_valley(slug, story, when, seq):
    o = OUTLET_BY_ID["valley-courier"]
    rng = random.Random("valley-courier:" + slug)
    title = title_case(story["title"])
    local = local_time(when, o["tz"])
    link = f"https://{o['domain']}/news/{story['section'].lower()}/{local:%Y/%m/%d}/{slugify(title)}"
    guid = f"tag:{o['domain']},{local:%Y-%m-%d}:/news/{48200 + seq * 7}"
    paras = [html_text(typography(p, "straight")) for p in story["paragraphs"]]
    minutes = -(-sum(words(p) for p in story["paragraphs"]) // 90)  # ceil(words / 90)
    n_rm = min(len(paras) - 1, 1 + seq % 3)
    rms = read_more_headlines(rng, slug, n_rm, when)
    pos = read_more_positions(rng, len(paras), n_rm)
    chunks = [f"{minutes}\u00a0Min Read", f"By Valley Courier Staff | {local:%B} {local.day}, {local:%Y}"]
    for i, p in enumerate(paras):
        chunks.append(p)
        if i in pos:
            chunks.append("Read more : " + html_text(rms[pos.index(i)]))
    chunks.append("Share This Article")
    html = '<div class="entry">' + "<br><br>\n".join(chunks) + "</div>"
    return {
        "title": title, "link": link, "guid": guid, "guid_is_permalink": False,
        "description": html_text(story["summary"]), "html": html,
        "author": "Valley Courier Staff", "category": story["section"],
    }


def render_northshore(slug, story, when, seq):
    o = OUTLET_BY_ID["northshore-daily"]
    title = typography(story["title"], "straight-emdash")
    link = f"https://{o['domain']}/story/{slugify(story['title'])}?utm_source=rss&utm_medium=feed"
    guid = "urn:uuid:" + str(uuid.uuid5(uuid.NAMESPACE_URL, f"northshore-daily/{slug}"))
    # Excerpt only: the first two paragraphs, or just the first when it is long.
    k = 1 if words(story["paragraphs"][0]) > 60 else 2
    paras = [html_text(typography(p, "straight-emdash")) for p in story["paragraphs"][:k]]
    parts = [f"<p>{p}</p>" for p in paras]
    parts.append(f'<p><a href="{html_text(link)}">Continue reading\u2026</a></p>')
    return {
        "title": title, "link": link, "guid": guid, "guid_is_permalink": False,
        "description": html_text(story["summary"]), "html": "\n".join(parts),
        "author": "Northshore Daily Wire Desk", "category": story["section"],
    }


def render_metro(slug, story, when, seq):
    o = OUTLET_BY_ID["metro-wire"]
    rng = random.Random("metro-wire:" + slug)
    title = "WATCH: " + smart_quotes(story["title"])
    local = local_time(when, o["tz"])
    canonical = f"https://{o['domain']}/news/{local:%Y/%m/%d}/{slugify(story['title'])}/"
    link = canonical + "?utm_source=rss&utm_medium=feed"
    paras = [html_entities(smart_quotes(p).replace(" -- ", " \u2014 ")) for p in story["paragraphs"]]
    paras[0] = wrap_first(paras[0], html_entities(story["terms"][1]), "<strong>", "</strong>")
    n_rm = min(len(paras) - 1, 2 + seq % 2)
    rms = read_more_headlines(rng, slug, n_rm, when)
    pos = read_more_positions(rng, len(paras), n_rm)
    img = f"https://{o['domain']}/media/2026/11/{slug}-1200x675.jpg"
    parts = [f'<figure><img src="{img}" alt="{html_entities(story["caption"])}" width="1200" height="675">'
             f"<figcaption>{html_entities(story['caption'])} (Photo: Metro Wire)</figcaption></figure>"]
    for i, p in enumerate(paras):
        parts.append(f"<p>{p}</p>")
        if i in pos:
            h = rms[pos.index(i)]
            parts.append(f'<p><strong>READ MORE:</strong> <a href="https://{o["domain"]}/news/{slugify(h)}/">'
                         f"{html_entities(smart_quotes(h))}</a></p>")
    parts.append("<p><em>This article was produced by Capital Desk Bureau to publish on Metro Wire.</em></p>")
    parts.append("<p>Share This Article</p>")
    return {
        "title": title, "link": link, "guid": canonical, "guid_is_permalink": True,
        "description": html_text(smart_quotes(story["summary"])), "html": "\n".join(parts),
        "author": "Metro Wire", "category": story["section"],
    }


LAKESIDE_AUTHORS = [
    ("Helen Marsh", "Helen Marsh is the Lakeside Herald\u2019s regional affairs correspondent and has reported from the Morrow Valley since 2014."),
    ("Owen Pryce", "Owen Pryce covers business, transport and public services for the Lakeside Herald."),
]


def render_lakeside(slug, story, when, seq):
    o = OUTLET_BY_ID["lakeside-herald"]
    rng = random.Random("lakeside-herald:" + slug)
    title = smart_quotes(swap_word(story["title"], story["swap"]))
    local = local_time(when, o["tz"])
    link = f"https://{o['domain']}/{local:%Y/%m/%d}/{slugify(title)}/"
    guid = f"tag:{o['domain']},{local:%Y-%m-%d}:post-{90410 + seq * 13}"
    author, bio = LAKESIDE_AUTHORS[seq % 2]
    paras = [html_text(typography(p, "nbsp-emdash")).replace("\u00a0", "&nbsp;") for p in story["paragraphs"]]
    n_rm = min(len(paras) - 1, 1 + (seq + 1) % 3)
    rms = read_more_headlines(rng, slug, n_rm, when)
    pos = read_more_positions(rng, len(paras), n_rm)
    parts = [f"<p>By {author} | {local:%A} {local.day} {local:%B %Y}, {local:%H:%M}</p>",
             f"<p>File photo: {html_text(story['caption'])}. (Reuters)</p>"]
    for i, p in enumerate(paras):
        parts.append(f"<p>{p}</p>")
        if i in pos:
            parts.append(f"<p><em>Read more: {html_text(smart_quotes(rms[pos.index(i)]))}</em></p>")
    parts.append(f"<p><em>{html_text(bio)}</em></p>")
    return {
        "title": title, "link": link, "guid": guid, "guid_is_permalink": False,
        "description": smart_quotes(story["summary"]), "html": "\n".join(parts),
        "author": author, "category": story["section"],
        "updated_delta": timedelta(minutes=0 if seq % 2 else 47),
    }


def render_pinecrest(slug, story, when, seq):
    o = OUTLET_BY_ID["pinecrest-post"]
    rng = random.Random("pinecrest-post:" + slug)
    title = smart_quotes(story["title"]) + " | " + story["section"]
    post_id = 31870 + seq * 11
    canonical = f"https://{o['domain']}/{story['section'].lower()}/{slugify(story['title'])}-{post_id}/"
    link = canonical + "?utm_source=rss&utm_medium=feed"
    guid = f"https://{o['domain']}/?p={post_id}"
    paras = []
    for i, p in enumerate(story["paragraphs"]):
        h = html_text(typography(p, "endash"))
        if i == 0:
            t0, t1 = story["terms"]
            h = wrap_first(h, html_text(t0), f'<a href="https://{o["domain"]}/tag/{slugify(t0)}/">', "</a>")
            h = wrap_first(h, html_text(t1), "<strong>", "</strong>")
        paras.append(h.replace(". ", ".  "))
    n_rm = min(len(paras) - 1, 1 + seq % 2)
    rms = read_more_headlines(rng, slug, n_rm, when)
    pos = read_more_positions(rng, len(paras), n_rm)
    parts = [f"<p class=\"byline\">Pinecrest Post staff \u00b7 {when:%B} {when.day}, {when:%Y}</p>"]
    for i, p in enumerate(paras):
        parts.append(f"<p>{p}</p>")
        if i in pos:
            h = rms[pos.index(i)]
            parts.append(f'<p>READ MORE : <a href="https://{o["domain"]}/{slugify(h)}/">'
                         f"<em>{html_text(smart_quotes(h))}</em></a></p>")
    parts.append("<p>Leave a comment</p>")
    return {
        "title": title, "link": link, "guid": guid, "guid_is_permalink": False,
        "description": smart_quotes(story["summary"]), "html": "\n".join(parts),
        "author": "Pinecrest Post Staff", "category": story["section"],
        "updated_delta": timedelta(minutes=12 if seq % 3 == 0 else 0),
    }


RENDERERS = {
    "harbour-gazette": render_harbour,
    "valley-courier": render_valley,
    "northshore-daily": render_northshore,
    "metro-wire": render_metro,
    "lakeside-herald": render_lakeside,
    "pinecrest-post": render_pinecrest,
}

# ---------------------------------------------------------------------------
# Feed writers.
# ---------------------------------------------------------------------------


def cdata(s):
    assert "]]>" not in s
    return "<![CDATA[" + s + "]]>"


def write_rss(outlet, items):
    tz = outlet["tz"]
    newest = max(it["when"] for it in items)
    home = f"https://{outlet['domain']}/"
    lines = [
        f'<?xml version="1.0" encoding="{outlet["encoding"]}"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"  <title>{xml_escape(outlet['name'])}</title>",
        f"  <link>{home}</link>",
        f'  <atom:link href="{home}feed/" rel="self" type="application/rss+xml"/>',
        f"  <description>{xml_escape(outlet['description'])}</description>",
        "  <language>en</language>",
        f"  <lastBuildDate>{rfc822(newest + timedelta(minutes=4), tz)}</lastBuildDate>",
        "  <ttl>30</ttl>",
    ]
    for it in items:
        r = it["r"]
        perma = "true" if r["guid_is_permalink"] else "false"
        lines += [
            "  <item>",
            f"    <title>{xml_escape(r['title'])}</title>",
            f"    <link>{xml_escape(r['link'])}</link>",
            f'    <guid isPermaLink="{perma}">{xml_escape(r["guid"])}</guid>',
            f"    <pubDate>{rfc822(it['when'], tz)}</pubDate>",
            f"    <dc:creator>{cdata(r['author'])}</dc:creator>",
            f"    <category>{cdata(r['category'])}</category>",
            f"    <description>{cdata(r['description'])}</description>",
            f"    <content:encoded>{cdata(r['html'])}</content:encoded>",
            "  </item>",
        ]
    lines += ["</channel>", "</rss>", ""]
    return "\n".join(lines)


def write_atom(outlet, items):
    tz = outlet["tz"]
    home = f"https://{outlet['domain']}/"
    newest = max(it["when"] + it["r"].get("updated_delta", timedelta()) for it in items)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">',
        f"  <title>{xml_escape(outlet['name'])}</title>",
        f"  <subtitle>{xml_escape(outlet['description'])}</subtitle>",
        f"  <id>tag:{outlet['domain']},2009:feed</id>",
        f"  <updated>{iso8601(newest, tz)}</updated>",
        f'  <link rel="alternate" type="text/html" href="{home}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{home}feed/atom/"/>',
        f"  <generator>Pressline CMS</generator>",
    ]
    for it in items:
        r = it["r"]
        updated = it["when"] + r.get("updated_delta", timedelta())
        lines += [
            "  <entry>",
            f'    <title type="text">{xml_escape(r["title"])}</title>',
            f'    <link rel="alternate" type="text/html" href="{xml_escape(r["link"], {chr(34): "&quot;"})}"/>',
            f"    <id>{xml_escape(r['guid'])}</id>",
            f"    <published>{iso8601(it['when'], tz)}</published>",
            f"    <updated>{iso8601(updated, tz)}</updated>",
            f"    <author><name>{xml_escape(r['author'])}</name></author>",
            f'    <category term="{xml_escape(r["category"])}"/>',
            f'    <summary type="text">{xml_escape(r["description"])}</summary>',
            f'    <content type="html">{xml_escape(r["html"])}</content>',
            "  </entry>",
        ]
    lines += ["</feed>", ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# Main.
# ---------------------------------------------------------------------------


def check_inputs():
    for slug, s in STORIES.items():
        n = len(s["paragraphs"])
        assert 4 <= n <= 7, (slug, n)
        for i, p in enumerate(s["paragraphs"]):
            assert 40 <= words(p) <= 90, (slug, i, words(p))
        for t in s["terms"]:
            assert t in s["paragraphs"][0], (slug, t)
    assert set(CARRIAGE) == set(STORIES)
    for slug, (base, copies) in CARRIAGE.items():
        times = [base + timedelta(hours=h) for _, h in copies]
        for t in times:
            assert WINDOW[0] <= t < WINDOW[1], (slug, t)
        for a in times:
            for b in times:
                if a is not b:
                    gap = abs((a - b).total_seconds()) / 3600
                    assert 1 <= gap <= 30, (slug, gap)
        outlets = [o for o, _ in copies]
        assert len(outlets) == len(set(outlets)), slug


def main():
    check_inputs()
    per_outlet = {o["id"]: [] for o in OUTLETS}
    for slug, (base, copies) in CARRIAGE.items():
        for outlet_id, hours in copies:
            per_outlet[outlet_id].append((base + timedelta(hours=hours), slug))

    FEEDS_DIR.mkdir(parents=True, exist_ok=True)
    truth_items = []
    for outlet in OUTLETS:
        entries = sorted(per_outlet[outlet["id"]], key=lambda e: e[0])
        assert 4 <= len(entries) <= 8, (outlet["id"], len(entries))
        items = []
        for seq, (when, slug) in enumerate(entries):
            r = RENDERERS[outlet["id"]](slug, STORIES[slug], when, seq)
            items.append({"when": when, "slug": slug, "r": r})
        items.sort(key=lambda it: it["when"], reverse=True)  # newest first
        text = (write_rss if outlet["format"] == "rss" else write_atom)(outlet, items)
        data = text.encode("latin-1" if outlet["encoding"] == "ISO-8859-1" else "utf-8")
        path = FEEDS_DIR / f"{outlet['id']}.xml"
        path.write_bytes(data)
        for it in items:
            truth_items.append({"outlet": outlet["id"], "link": it["r"]["link"],
                                "guid": it["r"]["guid"], "story": it["slug"]})
        outlet["_items"] = items

    feeds = {"outlets": [{"id": o["id"], "name": o["name"], "url": f"{o['id']}.xml"} for o in OUTLETS]}
    (HERE / "feeds.json").write_text(json.dumps(feeds, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    truth = {
        "items": truth_items,
        "stories": {slug: {"title": s["title"]} for slug, s in STORIES.items()},
        "hardNegatives": [],
    }
    (HERE / "truth.json").write_text(json.dumps(truth, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")

    # Well-formedness: python's parser always, xmllint when installed.
    xmllint = shutil.which("xmllint")
    for outlet in OUTLETS:
        path = FEEDS_DIR / f"{outlet['id']}.xml"
        ElementTree.parse(path)
        if xmllint:
            subprocess.run([xmllint, "--noout", str(path)], check=True)

    # Summary.
    print("Outlets:")
    for o in OUTLETS:
        fmt = "RSS 2.0" if o["format"] == "rss" else "Atom 1.0"
        extra = []
        if o["encoding"] != "UTF-8":
            extra.append(o["encoding"])
        if o["id"] == "northshore-daily":
            extra.append("excerpts only")
        extra_s = f" ({', '.join(extra)})" if extra else ""
        print(f"  {o['id']:<18} {o['name']:<20} {fmt}{extra_s}: {len(o['_items'])} items")
    print("Stories:")
    for slug, (base, copies) in CARRIAGE.items():
        kind = "syndicated" if len(copies) > 1 else "single"
        print(f"  {slug:<24} {len(copies)} cop{'y' if len(copies) == 1 else 'ies'} ({kind}): "
              + ", ".join(o for o, _ in copies))
    print(f"Total items: {len(truth_items)}; checked with {'xmllint and ' if xmllint else ''}xml.etree")


if __name__ == "__main__":
    sys.exit(main())
