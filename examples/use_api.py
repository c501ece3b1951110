"""Load the built-in campaign through the Python API and print its demands, grouped by who made them.

Run:  python examples/use_api.py [CAMPAIGN]
"""

import sys

import campaignkit


def main(ref: str = campaignkit.DEFAULT_CAMPAIGN) -> None:
    campaign = campaignkit.load(ref)
    print(campaign.title.get("en"))
    for statement in campaign.statements:
        print(f"\n{statement.by.get('en')} demands:")
        for demand in statement.demands:
            print(f"  - {demand.text.get('en')}")
    for source in campaign.sources:
        print(f"\nSource: {source.url.text}")


if __name__ == "__main__":
    main(*sys.argv[1:2])
