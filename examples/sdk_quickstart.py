"""infoint's SDK in one page: plan an interview, print its prep sheet, take notes, see the agenda.

``python examples/sdk_quickstart.py`` keeps its records in memory and leaves nothing behind. Its
clock follows the story (infoint records only what has happened, in order) and only infoint's
built-in plugins take part, so it prints the same every run, apart from the IDs.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

import infoint
from infoint.plugins import make_plugin_manager
from infoint.render import sheet_text

paris = ZoneInfo("Europe/Paris")
meeting, now = datetime(2026, 12, 1, 15, tzinfo=paris), [datetime(2026, 11, 20, tzinfo=paris)]
builtins = make_plugin_manager(entry_points=False, disabled=[])

# "memory://" keeps nothing; "sqlite:///interviews.db" would keep the records in that file.
with infoint.open("memory://", owner="sam", clock=lambda: now[-1], plugins=builtins) as ws:
    ws.set_profile(name="Sam Lee", pitch="I'm Sam, a data analyst exploring data engineering.")
    ada = ws.add_contact("Ada Lovelace", role="Data engineer", organization="Acme Data")
    goal = "What does a typical week look like?"  # plan: whom, about what, why (G1-G3)
    interview = ws.plan_interview(
        ada, targets=["occupation:Data engineer"], purposes=["break-in"], goals=[goal], minutes=20
    )
    ws.request_interview(interview.id, channel="email")  # asked by e-mail (G6)
    ws.schedule_interview(interview.id, starts_at=meeting, place="Café on Mill Street")
    ws.suggest_questions(interview.id, save=True)  # fit into the 20 minutes (G7, G14)
    print(sheet_text(ws.prep_sheet(interview.id)))  # prep: the sheet for the night before
    now.append(datetime(2026, 12, 1, 16, tzinfo=paris))  # the clock moves on: it took place
    ws.hold_interview(interview.id, at=meeting)  # then, after the interview: notes (G16)
    ws.add_note(interview.id, "Pipelines need care more than building", at=meeting)
    ws.add_note(interview.id, "Learn SQL window functions first", kind="advice", at=meeting)
    for note in ws.interview(interview.id).notes:
        print(f"Note [{note.kind}]: {note.text}")

    print("Agenda that evening:")  # everything due, each with its command (G21)
    for item in ws.agenda(at=datetime(2026, 12, 1, 18, tzinfo=paris)):
        print(f"  {item.kind}: {item.title}\n    -> {item.command}")
