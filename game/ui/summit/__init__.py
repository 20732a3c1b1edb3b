"""The summit in parts: the person's choices at the table and the flow between the two players
(`model`) and what the screens say of the summit (`words`), neither of which imports pygame. The
screen that draws the table and takes the input is `game.ui.scenes.summit`."""
