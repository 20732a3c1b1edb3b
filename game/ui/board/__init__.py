"""The board in parts: its turn flow (`model`) and its words (`texts`), neither of which imports
pygame; where each part goes (`layout`, plain numbers); and one panel a part (`top_bar`,
`meters`, `region_map`, `news`, `cards`, `tray`). The screen that puts them together and takes
the input is `game.ui.scenes.board`."""
