"""The selected asset's card beside the list (施設カード): its attributes and location, the
condition with the survey it was derived from (never typed), the parent and the children (a
double click shows that asset's card), the work orders that touched it (a double click opens
the order's editor, for those who may edit orders), and its findings over time with the
thumbnails of their photos."""

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QGroupBox,
    QLabel,
    QListView,
    QListWidget,
    QListWidgetItem,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from oneaqita.services.asset_card import AssetCard
from oneaqita.services.finding_queries import FindingLine
from oneaqita.thumbnails import THUMBNAIL_PX
from ui.assets.columns import condition_text, number_text, owner_text
from ui.detail_fields import ReadOnlyTable, field_grid, placeholder_stack
from ui.labels import date_text, domain_label, status_label
from ui.work_orders.findings_box import urgency_text

PHOTO_PX = 96


class AssetCardPane(QWidget):
    asset_requested = Signal(int)  # a parent's or child's id: show its card
    work_order_requested = Signal(int)  # a work order's id: open it

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.card: AssetCard | None = None
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self._build_content())
        self._stack, self.placeholder = placeholder_stack(
            self, self.tr("一覧から施設を選んでください。"), scroll
        )

    def _build_content(self) -> QWidget:
        content = QWidget()
        self.heading = QLabel()
        self.heading.setObjectName("detailHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        fields, self.values = field_grid(
            [
                ("owner", self.tr("管理者")),
                ("district", self.tr("処理区")),
                ("location", self.tr("位置")),
                ("installed", self.tr("布設年度")),
                ("dimensions", self.tr("管種・管径・延長")),
                ("status", self.tr("状態")),
                ("life", self.tr("耐用年数")),
                ("condition", self.tr("緊急度")),
                ("parent", self.tr("上位施設")),
            ]
        )
        self.values["parent"].linkActivated.connect(self._parent_chosen)
        self.children_box = QGroupBox(self.tr("下位施設"))
        self.children_table = ReadOnlyTable(
            [self.tr("施設番号"), self.tr("種別")], ["052019-P-000000", "マンホールポンプ"]
        )
        self.children_table.cellDoubleClicked.connect(self._child_chosen)
        QVBoxLayout(self.children_box).addWidget(self.children_table)

        self.orders_box = QGroupBox(self.tr("作業履歴"))
        self.orders_table = ReadOnlyTable(
            [
                self.tr("作業番号"),
                self.tr("件名"),
                self.tr("状態"),
                self.tr("予定開始"),
                self.tr("完了"),
            ],
            ["WO-2025-000000", "八橋処理区 管路点検", "検収済", "2025/04/01", "2025/04/01"],
        )
        self.orders_table.cellDoubleClicked.connect(self._order_chosen)
        QVBoxLayout(self.orders_box).addWidget(self.orders_table)

        self.findings_box = QGroupBox(self.tr("所見の履歴"))
        self.findings_table = ReadOnlyTable(
            [
                self.tr("調査日"),
                self.tr("作業番号"),
                self.tr("異常項目"),
                self.tr("ランク"),
                self.tr("緊急度"),
                self.tr("写真"),
            ],
            ["2025/04/01", "WO-2025-000000", "取付管突出", "a", "緊急度III（等級から III）", "20"],
        )
        self.photos = QListWidget()
        self.photos.setViewMode(QListView.ViewMode.IconMode)
        self.photos.setIconSize(QSize(PHOTO_PX, PHOTO_PX * 3 // 4))
        self.photos.setResizeMode(QListView.ResizeMode.Adjust)
        self.photos.setMovement(QListView.Movement.Static)
        self.photos.setWrapping(True)
        self.photos.setFixedHeight(PHOTO_PX * 3 // 4 + 44)
        self.findings_table.setMinimumHeight(160)
        self.photos.setToolTip(
            self.tr("所見の写真（サムネイル、最大 {px} px）").format(px=THUMBNAIL_PX)
        )
        self.no_photos = QLabel(self.tr("写真はありません。"))
        self.no_photos.setEnabled(False)
        findings = QVBoxLayout(self.findings_box)
        findings.addWidget(self.findings_table)
        findings.addWidget(self.photos)
        findings.addWidget(self.no_photos)

        layout = QVBoxLayout(content)
        layout.setContentsMargins(8, 0, 8, 0)
        layout.addWidget(self.heading)
        layout.addLayout(fields)
        for box in (self.findings_box, self.orders_box, self.children_box):
            layout.addWidget(box, 1)
        return content

    # -- showing -------------------------------------------------------------------------
    def clear(self) -> None:
        self.card = None
        self._stack.setCurrentIndex(0)

    def show_card(self, card: AssetCard) -> None:
        self.card = card
        row = card.row
        self.heading.setText(f"{row.code}  {domain_label(row.kind)}")
        v = self.values
        v["owner"].setText(f"{owner_text(row)} ({row.owner_code})")
        v["district"].setText(row.district or "—")
        if card.latitude is not None and card.longitude is not None:
            v["location"].setText(
                self.tr("緯度 {lat}°　経度 {lon}°").format(lat=card.latitude, lon=card.longitude)
            )
        else:
            v["location"].setText(self.tr("座標なし"))
        if row.installed_year is not None:
            v["installed"].setText(
                self.tr("{year}年度（経過 {age} 年）").format(year=row.installed_year, age=row.age)
            )
        else:
            v["installed"].setText(self.tr("不明"))
        parts = [
            row.material or "—",
            f"{number_text(row.diameter_mm)} mm" if row.diameter_mm is not None else "—",
            f"{number_text(row.length_m)} m" if row.length_m is not None else "—",
        ]
        v["dimensions"].setText(" / ".join(parts))
        v["status"].setText(domain_label(row.status))
        if card.service_life_years is None:
            v["life"].setText("—")
        elif card.own_service_life:
            v["life"].setText(self.tr("{years} 年（個別）").format(years=card.service_life_years))
        else:
            v["life"].setText(
                self.tr("{years} 年（耐用年数表）").format(years=card.service_life_years)
            )
        v["condition"].setText(self._condition_text(card))
        if card.parent is not None:
            v["parent"].setText(
                f"<a href='parent'>{card.parent.code}</a>  {domain_label(card.parent.kind)}"
            )
        else:
            v["parent"].setText("—")
        self._show_children(card)
        self._show_orders(card)
        self._show_findings(card)
        self._stack.setCurrentIndex(1)

    def _condition_text(self, card: AssetCard) -> str:
        if card.row.condition is None:
            return self.tr("未判定（数える調査の所見がありません）")
        text = condition_text(card.row.condition)
        basis = card.condition_from
        if basis is None:
            return self.tr("{condition}（所見から導出）").format(condition=text)
        return self.tr("{condition}（{number} {day} の調査から導出）").format(
            condition=text, number=basis.work_order_number, day=date_text(basis.surveyed)
        )

    def _show_children(self, card: AssetCard) -> None:
        count = card.children_count
        shown = len(card.children)
        title = self.tr("下位施設 ({count})").format(count=f"{count:,}")
        if shown < count:
            title = self.tr("下位施設 ({count}、先頭 {shown} 件を表示)").format(
                count=f"{count:,}", shown=shown
            )
        self.children_box.setTitle(title)
        self.children_table.fill([[c.code, domain_label(c.kind)] for c in card.children])
        self.children_box.setVisible(count > 0)

    def _show_orders(self, card: AssetCard) -> None:
        self.orders_box.setTitle(self.tr("作業履歴 ({count})").format(count=len(card.orders)))
        self.orders_table.fill(
            [
                [
                    o.number,
                    o.title,
                    status_label(o.status),
                    date_text(o.planned_start),
                    date_text(o.actual_end),
                ]
                for o in card.orders
            ]
        )

    def _show_findings(self, card: AssetCard) -> None:
        self.findings_box.setTitle(self.tr("所見の履歴 ({count})").format(count=len(card.findings)))
        differing = self.tr("{urgency}（等級から {derived}）")
        self.findings_table.fill(
            [
                [
                    date_text(f.surveyed),
                    f.work_order_number,
                    f.category,
                    f.rank.value,
                    urgency_text(f, differing),
                    str(len(card.photos_of(f.id))) if f.attachments else "",
                ]
                for f in card.findings
            ]
        )
        self.photos.clear()
        lines = {f.id: f for f in card.findings}
        for photo in card.photos:
            pixmap = QPixmap()
            if not pixmap.loadFromData(photo.thumbnail):
                continue
            line: FindingLine = lines[photo.finding_id]
            caption = f"{date_text(line.surveyed)} {line.category}"
            item = QListWidgetItem(QIcon(pixmap), caption)
            item.setToolTip(f"{photo.file_name}\n{line.work_order_number} {line.category}")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.photos.addItem(item)
        self.photos.setVisible(self.photos.count() > 0)
        self.no_photos.setVisible(self.photos.count() == 0)

    # -- choosing ------------------------------------------------------------------------
    def _parent_chosen(self, _link: str) -> None:
        if self.card is not None and self.card.parent is not None:
            self.asset_requested.emit(self.card.parent.id)

    def _child_chosen(self, row: int, _column: int) -> None:
        if self.card is not None and 0 <= row < len(self.card.children):
            self.asset_requested.emit(self.card.children[row].id)

    def _order_chosen(self, row: int, _column: int) -> None:
        if self.card is not None and 0 <= row < len(self.card.orders):
            self.work_order_requested.emit(self.card.orders[row].id)
