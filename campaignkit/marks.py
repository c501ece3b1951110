"""The marks campaignkit leaves in the files it makes, so it can recognise them later: the PDF
Creator, a `campaignkit-material=<kind>` keyword, and the PNG Software chunk.
"""

CREATOR = "campaignkit"
MATERIAL_MARK = "campaignkit-material="
PNG_MARK = b"Software\x00" + CREATOR.encode()
