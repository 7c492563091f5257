"""The assets page's map (地図): the map view and, above it, ファイルから区域を読み込む… (district
outlines from a local GeoJSON file, read off the GUI thread; a file that is not one is
refused with the reason), zoom in, zoom out and the whole prefecture."""

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oneaqita.services.database import Database
from oneaqita.services.map_outlines import Outline, load_outlines
from ui.assets.map_view import STEP, AssetMapView
from ui.operations import QueryOp


class AssetMapPane(QWidget):
    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = AssetMapView(db)
        self.outlines_button = QPushButton(self.tr("ファイルから区域を読み込む…"))
        self.outlines_button.setToolTip(
            self.tr("処理区・市町村の境界を GeoJSON ファイルから読み込み、地図の下に描きます")
        )
        self.outlines_button.clicked.connect(self.choose_outlines)
        self.outlines_label = QLabel()
        zoom_in = QPushButton("+")
        zoom_out = QPushButton("−")
        whole = QPushButton(self.tr("全体"))
        zoom_in.setToolTip(self.tr("拡大 (+)"))
        zoom_out.setToolTip(self.tr("縮小 (−)"))
        whole.setToolTip(self.tr("県全体を表示 (0)"))
        zoom_in.clicked.connect(lambda: self.view.zoom(STEP))
        zoom_out.clicked.connect(lambda: self.view.zoom(1 / STEP))
        whole.clicked.connect(self.view.reset)
        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.outlines_button)
        bar.addWidget(self.outlines_label, 1)
        for button in (zoom_in, zoom_out, whole):
            button.setAutoDefault(False)
            bar.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)

    def choose_outlines(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("区域の GeoJSON ファイル"),
            "",
            self.tr("GeoJSON (*.geojson *.json);;すべてのファイル (*)"),
        )
        if name:
            self.load_outlines_from(Path(name))

    def load_outlines_from(self, path: Path) -> None:
        """Reads the outlines in the background; shown on success, refused with the reason."""

        def loaded(outlines: list[Outline]) -> None:
            self.view.set_outlines(outlines)
            self.outlines_label.setText(
                self.tr("{name} ({count} 区域)").format(name=path.name, count=len(outlines))
            )

        QueryOp(self, lambda: load_outlines(path)).success(loaded).run()
