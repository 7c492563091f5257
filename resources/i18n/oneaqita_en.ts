<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en" sourcelanguage="ja">
<context>
    <name>AddRowDialog</name>
    <message>
        <source>行を追加</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>作業番号・件名で絞り込み</source>
        <translation>Filter by order number or title</translation>
    </message>
    <message>
        <source>追加できる担当作業はありません。</source>
        <translation>There is no assigned work order left to add.</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>担当している作業 (着手中のものは既に表示されています)</source>
        <translation>The work orders you are assigned to (the running ones are shown already)</translation>
    </message>
</context>
<context>
    <name>ApprovalPage</name>
    <message>
        <source>承認待ち</source>
        <translation>Waiting for approval</translation>
    </message>
    <message>
        <source>未提出</source>
        <translation>Not submitted</translation>
    </message>
    <message>
        <source>承認</source>
        <translation>Approval</translation>
    </message>
</context>
<context>
    <name>AssetCardPane</name>
    <message>
        <source>一覧から施設を選んでください。</source>
        <translation>Choose an asset in the list.</translation>
    </message>
    <message>
        <source>管理者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>処理区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>位置</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>布設年度</source>
        <translation>Installed (FY)</translation>
    </message>
    <message>
        <source>管種・管径・延長</source>
        <translation>Material, diameter, length</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>耐用年数</source>
        <translation>Service life</translation>
    </message>
    <message>
        <source>緊急度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>上位施設</source>
        <translation>Parent asset</translation>
    </message>
    <message>
        <source>下位施設</source>
        <translation>Child assets</translation>
    </message>
    <message>
        <source>施設番号</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>作業履歴</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>作業番号</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>予定開始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>所見の履歴</source>
        <translation>Findings over time</translation>
    </message>
    <message>
        <source>調査日</source>
        <translation>Surveyed</translation>
    </message>
    <message>
        <source>異常項目</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>ランク</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>写真</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>所見の写真（サムネイル、最大 {px} px）</source>
        <translation>Photos of the findings (thumbnails, at most {px} px)</translation>
    </message>
    <message>
        <source>写真はありません。</source>
        <translation>No photos.</translation>
    </message>
    <message>
        <source>緯度 {lat}°　経度 {lon}°</source>
        <translation>Latitude {lat}°, longitude {lon}°</translation>
    </message>
    <message>
        <source>座標なし</source>
        <translation>No coordinates</translation>
    </message>
    <message>
        <source>{year}年度（経過 {age} 年）</source>
        <translation>FY{year} ({age} years old)</translation>
    </message>
    <message>
        <source>不明</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>{years} 年（個別）</source>
        <translation>{years} years (its own)</translation>
    </message>
    <message>
        <source>{years} 年（耐用年数表）</source>
        <translation>{years} years (service-life table)</translation>
    </message>
    <message>
        <source>未判定（数える調査の所見がありません）</source>
        <translation>Not assessed (no findings of a survey that counts)</translation>
    </message>
    <message>
        <source>{condition}（所見から導出）</source>
        <translation>{condition} (derived from the findings)</translation>
    </message>
    <message>
        <source>{condition}（{number} {day} の調査から導出）</source>
        <translation>{condition} (derived from the survey {number} of {day})</translation>
    </message>
    <message>
        <source>下位施設 ({count})</source>
        <translation>Child assets ({count})</translation>
    </message>
    <message>
        <source>下位施設 ({count}、先頭 {shown} 件を表示)</source>
        <translation>Child assets ({count}, the first {shown} shown)</translation>
    </message>
    <message>
        <source>作業履歴 ({count})</source>
        <translation>Work orders ({count})</translation>
    </message>
    <message>
        <source>所見の履歴 ({count})</source>
        <translation>Findings over time ({count})</translation>
    </message>
    <message>
        <source>{urgency}（等級から {derived}）</source>
        <translation>{urgency} (grades give {derived})</translation>
    </message>
</context>
<context>
    <name>AssetColumns</name>
    <message>
        <source>未判定</source>
        <translation>Not assessed</translation>
    </message>
    <message>
        <source>施設番号</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>管理者</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>処理区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>布設年度</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>経過年数</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>管種</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>管径 (mm)</source>
        <translation>Diameter (mm)</translation>
    </message>
    <message>
        <source>延長 (m)</source>
        <translation>Length (m)</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>緊急度</source>
        <translation>Urgency</translation>
    </message>
</context>
<context>
    <name>AssetDialog</name>
    <message>
        <source>施設の編集</source>
        <translation>Edit asset</translation>
    </message>
    <message>
        <source>施設番号は施設の鍵です。変更できません。</source>
        <translation>The asset code is the asset's key and cannot be changed.</translation>
    </message>
    <message>
        <source>例: 1985</source>
        <translation>e.g. 1985</translation>
    </message>
    <message>
        <source>上位施設の施設番号</source>
        <translation>The parent asset's code</translation>
    </message>
    <message>
        <source>施設番号</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>種別(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>管理者(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>処理区(&amp;D)</source>
        <translation>&amp;District</translation>
    </message>
    <message>
        <source>布設年度(&amp;Y)</source>
        <translation>Installed (FY) (&amp;Y)</translation>
    </message>
    <message>
        <source>管種(&amp;M)</source>
        <translation>&amp;Material</translation>
    </message>
    <message>
        <source>管径 mm(&amp;I)</source>
        <translation>D&amp;iameter mm</translation>
    </message>
    <message>
        <source>延長 m(&amp;L)</source>
        <translation>&amp;Length m</translation>
    </message>
    <message>
        <source>緯度(&amp;A)</source>
        <translation>L&amp;atitude</translation>
    </message>
    <message>
        <source>経度(&amp;G)</source>
        <translation>Lon&amp;gitude</translation>
    </message>
    <message>
        <source>上位施設(&amp;P)</source>
        <translation>&amp;Parent asset</translation>
    </message>
    <message>
        <source>状態(&amp;T)</source>
        <translation>S&amp;tatus</translation>
    </message>
</context>
<context>
    <name>AssetFilterBar</name>
    <message>
        <source>すべての管理者</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>すべての処理区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>すべての緊急度</source>
        <translation>All urgencies</translation>
    </message>
    <message>
        <source>下限なし</source>
        <translation>No minimum</translation>
    </message>
    <message>
        <source>上限なし</source>
        <translation>No maximum</translation>
    </message>
    <message>
        <source>施設番号・処理区・管種で検索</source>
        <translation>Search code, district, material</translation>
    </message>
    <message>
        <source>経過年数</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>一覧</source>
        <translation>List</translation>
    </message>
    <message>
        <source>ツリー</source>
        <translation>Tree</translation>
    </message>
    <message>
        <source>施設の一覧を表示します (Ctrl+L)</source>
        <translation>Shows the list of assets (Ctrl+L)</translation>
    </message>
    <message>
        <source>管理者・処理区・施設のツリーを表示します (Ctrl+T)</source>
        <translation>Shows the tree of owners, districts and assets (Ctrl+T)</translation>
    </message>
    <message>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>選んだ施設を編集します (Enter・F2)</source>
        <translation>Edits the chosen asset (Enter, F2)</translation>
    </message>
    <message>
        <source> 年</source>
        <translation> years</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count} assets</translation>
    </message>
</context>
<context>
    <name>AssetFilterDialog</name>
    <message>
        <source>フィルタで対象施設を追加</source>
        <translation>Add assets by filter</translation>
    </message>
    <message>
        <source>すべての所有者</source>
        <translation>All owners</translation>
    </message>
    <message>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>すべての地区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>すべての材質</source>
        <translation>All materials</translation>
    </message>
    <message>
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>以降</source>
        <translation>or later</translation>
    </message>
    <message>
        <source>より前</source>
        <translation>before</translation>
    </message>
    <message>
        <source>所有者(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>種別(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>地区(&amp;D)</source>
        <translation>&amp;District</translation>
    </message>
    <message>
        <source>設置年(&amp;Y)</source>
        <translation>Installed (&amp;year)</translation>
    </message>
    <message>
        <source>材質(&amp;M)</source>
        <translation>&amp;Material</translation>
    </message>
    <message>
        <source>状態(&amp;S)</source>
        <translation>&amp;Status</translation>
    </message>
    <message>
        <source>追加(&amp;A)</source>
        <translation>&amp;Add</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>数えています…</source>
        <translation>Counting…</translation>
    </message>
    <message>
        <source>該当 {n:,} 件</source>
        <translation>{n:,} match</translation>
    </message>
    <message>
        <source>{n:,} 件を追加(&amp;A)</source>
        <translation>&amp;Add {n:,}</translation>
    </message>
    <message>
        <source>{n:,} 件を読み込んでいます…</source>
        <translation>Reading {n:,} assets…</translation>
    </message>
</context>
<context>
    <name>AssetListModel</name>
    <message>
        <source>施設コード</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>地区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>設置年</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>材質</source>
        <translation>Material</translation>
    </message>
    <message>
        <source>延長(m)</source>
        <translation>Length (m)</translation>
    </message>
</context>
<context>
    <name>AssetMapPane</name>
    <message>
        <source>ファイルから区域を読み込む…</source>
        <translation>Load districts from a file…</translation>
    </message>
    <message>
        <source>処理区・市町村の境界を GeoJSON ファイルから読み込み、地図の下に描きます</source>
        <translation>Reads district or municipal boundaries from a GeoJSON file and draws them under the map</translation>
    </message>
    <message>
        <source>全体</source>
        <translation>Whole</translation>
    </message>
    <message>
        <source>拡大 (+)</source>
        <translation>Zoom in (+)</translation>
    </message>
    <message>
        <source>縮小 (−)</source>
        <translation>Zoom out (−)</translation>
    </message>
    <message>
        <source>県全体を表示 (0)</source>
        <translation>Show the whole prefecture (0)</translation>
    </message>
    <message>
        <source>区域の GeoJSON ファイル</source>
        <translation>GeoJSON file of the districts</translation>
    </message>
    <message>
        <source>GeoJSON (*.geojson *.json);;すべてのファイル (*)</source>
        <translation>GeoJSON (*.geojson *.json);;All files (*)</translation>
    </message>
    <message>
        <source>{name} ({count} 区域)</source>
        <translation>{name} ({count} areas)</translation>
    </message>
</context>
<context>
    <name>AssetMapView</name>
    <message>
        <source>ホイールで拡大・縮小、ドラッグで移動、+ − 0 キー。点をクリックで施設カード</source>
        <translation>Wheel to zoom, drag to pan, + − 0 keys. Click a point for the asset's card</translation>
    </message>
    <message>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>表示範囲 {count} 件</source>
        <translation>{count} in view</translation>
    </message>
    <message>
        <source> (集計表示)</source>
        <translation> (counted per cell)</translation>
    </message>
</context>
<context>
    <name>AssetPicker</name>
    <message>
        <source>施設コード・地区で検索、Enterで追加（コードの貼り付けも可）</source>
        <translation>Search by asset code or district, Enter adds (pasting codes works too)</translation>
    </message>
    <message>
        <source>フィルタで追加…</source>
        <translation>Add by filter…</translation>
    </message>
    <message>
        <source>所有者・種別・地区・設置年などで一度に追加します</source>
        <translation>Adds every asset matching an owner, kind, district, installed year… at once</translation>
    </message>
    <message>
        <source>外す</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>選んだ施設をこの作業から外します (Del)</source>
        <translation>Removes the selected assets from this work order (Del)</translation>
    </message>
    <message>
        <source>すべて外す…</source>
        <translation>Remove all…</translation>
    </message>
    <message>
        <source> ほか{n}件</source>
        <translation> and {n} more</translation>
    </message>
    <message>
        <source>見つからない施設コード: {codes}</source>
        <translation>No asset with code: {codes}</translation>
    </message>
    <message>
        <source>{added:,} 件を追加しました（{already:,} 件は追加済み）</source>
        <translation>Added {added:,} ({already:,} were listed already)</translation>
    </message>
    <message>
        <source>対象施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>対象施設 {n:,} 件をすべて外しますか？</source>
        <translation>Remove all {n:,} assets from this work order?</translation>
    </message>
    <message>
        <source>{n:,} 件</source>
        <translation>{n:,} assets</translation>
    </message>
</context>
<context>
    <name>AssetTreeModel</name>
    <message>
        <source>管理者・処理区・施設</source>
        <translation>Owner, district, asset</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>布設年度</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>緊急度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Count</translation>
    </message>
    <message>
        <source>(処理区なし)</source>
        <translation>(no district)</translation>
    </message>
</context>
<context>
    <name>AssetsPage</name>
    <message>
        <source>地図</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>座標のある施設を地図に表示します (Ctrl+M)</source>
        <translation>Shows the assets that have coordinates on a map (Ctrl+M)</translation>
    </message>
    <message>
        <source>施設台帳</source>
        <translation>Asset registry</translation>
    </message>
</context>
<context>
    <name>AttachmentsBox</name>
    <message>
        <source>上限: 1ファイル {file} MB、1所見 {count} ファイル・計 {total} MB</source>
        <translation>Limits: {file} MB a file; {count} files and {total} MB a finding</translation>
    </message>
    <message>
        <source>添付(&amp;F)…</source>
        <translation>Attach &amp;Files…</translation>
    </message>
    <message>
        <source>開く(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>名前を付けて保存(&amp;V)…</source>
        <translation>Sa&amp;ve As…</translation>
    </message>
    <message>
        <source>削除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>読み込んでいます…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>添付ファイル ({count})</source>
        <translation>Attachments ({count})</translation>
    </message>
    <message>
        <source>画像とPDFだけを開けます。名前を付けて保存してください。</source>
        <translation>Only images and PDFs open here; save this file instead.</translation>
    </message>
    <message>
        <source>添付するファイル</source>
        <translation>Files to Attach</translation>
    </message>
    <message>
        <source>写真とPDF (*.jpg *.jpeg *.png *.pdf);;すべてのファイル (*)</source>
        <translation>Photos and PDFs (*.jpg *.jpeg *.png *.pdf);;All files (*)</translation>
    </message>
    <message>
        <source>添付しています…</source>
        <translation>Attaching…</translation>
    </message>
    <message>
        <source>名前を付けて保存</source>
        <translation>Save As</translation>
    </message>
    <message>
        <source>添付ファイルの削除</source>
        <translation>Remove Attachment</translation>
    </message>
    <message>
        <source>添付ファイル「{name}」を削除しますか？</source>
        <translation>Remove the attachment “{name}”?</translation>
    </message>
</context>
<context>
    <name>AuditColumns</name>
    <message>
        <source>日時</source>
        <translation>Date and time</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>User</translation>
    </message>
    <message>
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
</context>
<context>
    <name>AuditEntryPane</name>
    <message>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>変更前</source>
        <translation>Before</translation>
    </message>
    <message>
        <source>変更後</source>
        <translation>After</translation>
    </message>
    <message>
        <source>一覧から記録を選ぶと、変更前と変更後をここに表示します。</source>
        <translation>Choose an entry in the list to see it before and after here.</translation>
    </message>
    <message>
        <source>{at}　{user}　{action}　{target}</source>
        <translation>{at}  {user}  {action}  {target}</translation>
    </message>
    <message>
        <source>{changed} 項目が変わりました（全 {count} 項目）</source>
        <translation>{changed} fields changed (of {count})</translation>
    </message>
</context>
<context>
    <name>AuditFilterBar</name>
    <message>
        <source>すべてのユーザー</source>
        <translation>All users</translation>
    </message>
    <message>
        <source>すべての対象</source>
        <translation>All tables</translation>
    </message>
    <message>
        <source>ID</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>対象を選ぶと、そのレコードの ID で絞り込めます</source>
        <translation>Choose a table to filter by a record's ID</translation>
    </message>
    <message>
        <source>この日から（その日を含む）</source>
        <translation>From this day (included)</translation>
    </message>
    <message>
        <source>この日まで（その日を含む）</source>
        <translation>Up to this day (included)</translation>
    </message>
    <message>
        <source>変更前・変更後の値で検索</source>
        <translation>Search the values before and after</translation>
    </message>
    <message>
        <source>ユーザー・対象・期間でも絞ると、すぐに見つかります（ログ全体では数秒）</source>
        <translation>Narrowed by user, table or period too it is found at once (the whole log takes seconds)</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>User</translation>
    </message>
    <message>
        <source>対象</source>
        <translation>Table</translation>
    </message>
    <message>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count} entries</translation>
    </message>
</context>
<context>
    <name>AuditLogPage</name>
    <message>
        <source>監査ログ</source>
        <translation>Audit log</translation>
    </message>
</context>
<context>
    <name>AuditWords</name>
    <message>
        <source>団体</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>持株（株主名簿）</source>
        <translation>Shareholdings</translation>
    </message>
    <message>
        <source>人員</source>
        <translation>People</translation>
    </message>
    <message>
        <source>出向</source>
        <translation>Secondments</translation>
    </message>
    <message>
        <source>契約</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <source>作業指示</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>所見</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>所見の写真</source>
        <translation>Finding photos</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>作業種別</source>
        <translation>Work types</translation>
    </message>
    <message>
        <source>作業時間</source>
        <translation>Time entries</translation>
    </message>
    <message>
        <source>週の作業時間表</source>
        <translation>Timesheet weeks</translation>
    </message>
    <message>
        <source>KPI目標</source>
        <translation>KPI targets</translation>
    </message>
    <message>
        <source>改築需要の前提</source>
        <translation>Renewal basis</translation>
    </message>
    <message>
        <source>データベース全体</source>
        <translation>Whole database</translation>
    </message>
    <message>
        <source>作業指示の対象施設</source>
        <translation>Work order assets</translation>
    </message>
    <message>
        <source>作業指示の担当者</source>
        <translation>Work order assignees</translation>
    </message>
    <message>
        <source>作業指示の履歴</source>
        <translation>Work order history</translation>
    </message>
    <message>
        <source>人員の資格</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <source>標準耐用年数</source>
        <translation>Standard service lives</translation>
    </message>
    <message>
        <source>団体別の目標耐用年数</source>
        <translation>Bodies' target service lives</translation>
    </message>
    <message>
        <source>改築単価</source>
        <translation>Unit renewal costs</translation>
    </message>
    <message>
        <source>ログインの失敗</source>
        <translation>Failed logins</translation>
    </message>
    <message>
        <source>データベースの設定</source>
        <translation>Database settings</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>変更</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>取り込み</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>状態の変更</source>
        <translation>Transition</translation>
    </message>
    <message>
        <source>デモデータ</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>バックアップ</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>復元</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>追加（DB記録）</source>
        <translation>Added (database record)</translation>
    </message>
    <message>
        <source>変更（DB記録）</source>
        <translation>Changed (database record)</translation>
    </message>
    <message>
        <source>削除（DB記録）</source>
        <translation>Deleted (database record)</translation>
    </message>
    <message>
        <source>コード</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名前</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>よみ</source>
        <translation>Reading</translation>
    </message>
    <message>
        <source>英語名</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>説明</source>
        <translation>Description</translation>
    </message>
    <message>
        <source>版</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>ログイン名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>End</translation>
    </message>
    <message>
        <source>効力発生日</source>
        <translation>Effective from</translation>
    </message>
    <message>
        <source>株式数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>出資額（円）</source>
        <translation>Capital (yen)</translation>
    </message>
    <message>
        <source>契約金額（円）</source>
        <translation>Contract amount (yen)</translation>
    </message>
    <message>
        <source>時間（分）</source>
        <translation>Minutes</translation>
    </message>
    <message>
        <source>日付</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>優先度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>予定開始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>予定終了</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>実績開始</source>
        <translation>Actual start</translation>
    </message>
    <message>
        <source>実績終了</source>
        <translation>Actual end</translation>
    </message>
    <message>
        <source>処理区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>管種</source>
        <translation>Material</translation>
    </message>
</context>
<context>
    <name>BodyFilterBar</name>
    <message>
        <source>すべての派遣元</source>
        <translation>All sending bodies</translation>
    </message>
    <message>
        <source>出向元 (出向していない人は所属)</source>
        <translation>The sending body (for those not seconded, their own organization)</translation>
    </message>
    <message>
        <source>氏名・よみ・社員番号で検索 (Ctrl+F)</source>
        <translation>Search name, reading or employee no. (Ctrl+F)</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
</context>
<context>
    <name>ConditionTab</name>
    <message>
        <source>団体</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>緊急度I 件数</source>
        <translation>Urgency I count</translation>
    </message>
    <message>
        <source>緊急度I km</source>
        <translation>Urgency I km</translation>
    </message>
    <message>
        <source>緊急度II 件数</source>
        <translation>Urgency II count</translation>
    </message>
    <message>
        <source>緊急度II km</source>
        <translation>Urgency II km</translation>
    </message>
    <message>
        <source>緊急度III 件数</source>
        <translation>Urgency III count</translation>
    </message>
    <message>
        <source>緊急度III km</source>
        <translation>Urgency III km</translation>
    </message>
    <message>
        <source>判定なし 件数</source>
        <translation>Not judged count</translation>
    </message>
    <message>
        <source>判定なし km</source>
        <translation>Not judged km</translation>
    </message>
    <message>
        <source>管路 km</source>
        <translation>Pipe km</translation>
    </message>
    <message>
        <source>5年以内に点検 km</source>
        <translation>Inspected in 5 years km</translation>
    </message>
    <message>
        <source>点検率</source>
        <translation>Inspected share</translation>
    </message>
    <message>
        <source>使用中の施設の緊急度(最新の調査から判定)と、{day}までの5年間に点検・TVカメラ調査された管路の延長です。</source>
        <translation>The urgency of the assets in service (judged from their latest survey), and the pipe length inspected or TV-surveyed in the five years up to {day}.</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>ConflictPanel</name>
    <message>
        <source>項目</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>保存されている値</source>
        <translation>Stored value</translation>
    </message>
    <message>
        <source>あなたの入力</source>
        <translation>Your input</translation>
    </message>
    <message>
        <source>保存されている内容をフォームに読み込みます（入力は破棄）</source>
        <translation>Loads the stored values into the form (your input is discarded)</translation>
    </message>
    <message>
        <source>自分の入力で上書き(&amp;O)</source>
        <translation>&amp;Overwrite with my input</translation>
    </message>
    <message>
        <source>入力した内容で、保存されている内容を上書きして保存します</source>
        <translation>Saves your input over the stored values</translation>
    </message>
    <message>
        <source>保存されている値とあなたの入力（≠ は違う値）:</source>
        <translation>The stored values and your input (≠ marks a difference):</translation>
    </message>
    <message>
        <source>自分の入力で上書き</source>
        <translation>Overwrite with my input</translation>
    </message>
    <message>
        <source>・{field}: 「{stored}」 → 「{typed}」</source>
        <translation>• {field}: “{stored}” → “{typed}”</translation>
    </message>
    <message>
        <source>他の人が保存した次の値を、あなたの入力で上書きします。
{lines}</source>
        <translation>These values someone else saved will be overwritten by your input:
{lines}</translation>
    </message>
    <message>
        <source>保存されている内容を、あなたの入力で上書きします。</source>
        <translation>The stored record will be overwritten by your input.</translation>
    </message>
    <message>
        <source>上書きして保存しますか？</source>
        <translation>Overwrite and save?</translation>
    </message>
    <message>
        <source>上書きして保存</source>
        <translation>Overwrite and save</translation>
    </message>
    <message>
        <source>やめる</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ContractCardPane</name>
    <message>
        <source>一覧から契約を選んでください。</source>
        <translation>Choose a contract from the list.</translation>
    </message>
    <message>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>契約を編集します (Enter)</source>
        <translation>Edit the contract (Enter)</translation>
    </message>
    <message>
        <source>点検計画…</source>
        <translation>Inspection plan…</translation>
    </message>
    <message>
        <source>契約の年度にわたる点検作業を、試算してから一括で作成します</source>
        <translation>Preview, then create at once the inspection orders over the contract's fiscal years</translation>
    </message>
    <message>
        <source>契約番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>業務種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>契約期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>契約金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>一括発注</source>
        <translation>Bulk order</translation>
    </message>
    <message>
        <source>作業の進捗（年度別）</source>
        <translation>Work orders by fiscal year</translation>
    </message>
    <message>
        <source>この契約の作業指示はまだありません。</source>
        <translation>No work orders under this contract yet.</translation>
    </message>
    <message>
        <source>工数（年度別）</source>
        <translation>Hours by fiscal year</translation>
    </message>
    <message>
        <source>工数</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>うち承認済</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>この契約の工数はまだ記録されていません。</source>
        <translation>No hours booked on this contract yet.</translation>
    </message>
    <message>
        <source>進捗</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>金額の割合: 契約金額を中止以外の作業 {live} 件で均等に按分（円未満切り捨て）。</source>
        <translation>Share of the amount: the contract amount spread evenly over its {live} work orders that are not cancelled (rounded down to the yen).</translation>
    </message>
    <message>
        <source> 中止 {count} 件は按分に含めません。</source>
        <translation> The {count} cancelled ones carry no share.</translation>
    </message>
    <message>
        <source>一括発注グループ「{group}」の契約 ({count})</source>
        <translation>Contracts of bulk order "{group}" ({count})</translation>
    </message>
    <message>
        <source>{done}/{live} 件 · {pct}</source>
        <translation>{done}/{live} · {pct}</translation>
    </message>
    <message>
        <source>進捗: 完了・検収済の作業 / 中止以外の作業</source>
        <translation>Progress: completed and accepted orders / orders not cancelled</translation>
    </message>
</context>
<context>
    <name>ContractColumns</name>
    <message>
        <source>契約番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>業務種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>End</translation>
    </message>
    <message>
        <source>契約金額</source>
        <translation>Amount</translation>
    </message>
    <message>
        <source>一括発注</source>
        <translation>Bulk order</translation>
    </message>
</context>
<context>
    <name>ContractDialog</name>
    <message>
        <source>契約の編集</source>
        <translation>Edit contract</translation>
    </message>
    <message>
        <source>契約の登録</source>
        <translation>New contract</translation>
    </message>
    <message>
        <source>県の一括発注のときだけ</source>
        <translation>Only for the prefecture's bulk orders</translation>
    </message>
    <message>
        <source>契約番号(&amp;U)</source>
        <translation>N&amp;umber</translation>
    </message>
    <message>
        <source>委託者(&amp;C)</source>
        <translation>&amp;Client</translation>
    </message>
    <message>
        <source>件名(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>業務種別(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>契約開始日(&amp;B)</source>
        <translation>&amp;Begins</translation>
    </message>
    <message>
        <source>契約終了日(&amp;D)</source>
        <translation>En&amp;ds</translation>
    </message>
    <message>
        <source>契約金額（円）(&amp;A)</source>
        <translation>&amp;Amount (yen)</translation>
    </message>
    <message>
        <source>一括発注グループ(&amp;G)</source>
        <translation>Bulk &amp;group</translation>
    </message>
</context>
<context>
    <name>ContractFilterBar</name>
    <message>
        <source>すべての委託者</source>
        <translation>All clients</translation>
    </message>
    <message>
        <source>すべての年度</source>
        <translation>All fiscal years</translation>
    </message>
    <message>
        <source>その年度（4月〜翌3月）にかかる契約</source>
        <translation>Contracts running in that fiscal year (April to March)</translation>
    </message>
    <message>
        <source>すべての業務種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>一括発注: すべて</source>
        <translation>Bulk order: all</translation>
    </message>
    <message>
        <source>一括発注グループ（県がまとめて発注した契約）</source>
        <translation>Bulk-order group (contracts the prefecture ordered together)</translation>
    </message>
    <message>
        <source>新規契約…</source>
        <translation>New contract…</translation>
    </message>
    <message>
        <source>契約を登録します (Ctrl+N)</source>
        <translation>Record a new contract (Ctrl+N)</translation>
    </message>
    <message>
        <source>契約番号・件名・業務種別で検索</source>
        <translation>Search number, title, kind</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count} contracts</translation>
    </message>
</context>
<context>
    <name>ContractHoursTab</name>
    <message>
        <source>発注者・件名</source>
        <translation>Client / title</translation>
    </message>
    <message>
        <source>契約番号</source>
        <translation>Contract no.</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>うち承認済</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>作業指示数</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>人数・作業指示数は時間を記録した人と作業指示の数（小計では重複を除く）</source>
        <translation>People and work orders are those with hours logged (counted once in a subtotal)</translation>
    </message>
    <message>
        <source>契約別作業時間表</source>
        <translation>Hours per contract</translation>
    </message>
    <message>
        <source>{count}契約</source>
        <translation>{count} contracts</translation>
    </message>
    <message>
        <source>共通業務（研修・事務・移動・休暇）</source>
        <translation>Overhead (training, office, travel, leave)</translation>
    </message>
    <message>
        <source>合計　{bodies}団体　時間 {hours}（うち承認済 {approved}）　{people}名　作業指示 {orders}件</source>
        <translation>Total: {bodies} bodies, {hours} hours ({approved} approved), {people} people, {orders} work orders</translation>
    </message>
    <message>
        <source>この月の作業時間の記録はありません。</source>
        <translation>No hours were recorded in this month.</translation>
    </message>
</context>
<context>
    <name>ContractLabels</name>
    <message>
        <source>{hours} 時間</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>{first} 〜 {last}（{years}年度分）</source>
        <translation>{first} to {last} ({years} fiscal years)</translation>
    </message>
    <message>
        <source>日程未定</source>
        <translation>Not scheduled</translation>
    </message>
    <message>
        <source>契約の登録・変更は業務担当・管理職・管理者だけが行えます。</source>
        <translation>Only coordinators, managers and administrators may record or change contracts.</translation>
    </message>
    <message>
        <source>点検計画の作成は{roles}だけが行えます。</source>
        <translation>Only {roles} may create inspection plans.</translation>
    </message>
</context>
<context>
    <name>ContractsPage</name>
    <message>
        <source>契約</source>
        <translation>Contracts</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>ダッシュボード</source>
        <translation>Dashboard</translation>
    </message>
    <message>
        <source>更新</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>すべての数値を読み直します (F5)</source>
        <translation>Reads every figure again (F5)</translation>
    </message>
    <message>
        <source>未完了の作業指示</source>
        <translation>Open work orders</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>期限超過の作業</source>
        <translation>Overdue work orders</translation>
    </message>
    <message>
        <source>件数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>最も古い完了予定</source>
        <translation>Oldest planned end</translation>
    </message>
    <message>
        <source>緊急度Iの所見（未対応）</source>
        <translation>Urgency I findings not acted on</translation>
    </message>
    <message>
        <source>施設の管理者</source>
        <translation>Asset owner</translation>
    </message>
    <message>
        <source>所見</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>今月の作業時間と稼働可能時間</source>
        <translation>Hours this month against capacity</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>People</translation>
    </message>
    <message>
        <source>実績</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>稼働率</source>
        <translation>Utilisation</translation>
    </message>
    <message>
        <source>90日以内に終了する出向</source>
        <translation>Secondments ending within 90 days</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>終了日</source>
        <translation>Ends</translation>
    </message>
    <message>
        <source>残り</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>契約の進捗</source>
        <translation>Contract progress</translation>
    </message>
    <message>
        <source>契約</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>進捗</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>出来高</source>
        <translation>Earned</translation>
    </message>
    <message>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>契約の進捗（{year}）</source>
        <translation>Contract progress ({year})</translation>
    </message>
    <message>
        <source>稼働可能時間 = 出向期間内の営業日（土日・祝日・年末年始を除く）× 7時間45分。実績は差戻しを除く作業時間です。</source>
        <translation>Capacity = the working days inside each secondment (no weekends, national holidays or the year-end closure) × 7 h 45 min. Hours are every time entry except returned ones.</translation>
    </message>
    <message>
        <source>{day} 現在・{time} 更新</source>
        <translation>As of {day} · updated {time}</translation>
    </message>
</context>
<context>
    <name>DashboardTiles</name>
    <message>
        <source>{hours} 時間</source>
        <translation>{hours} h</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>未完了の作業指示はありません。</source>
        <translation>No open work orders.</translation>
    </message>
    <message>
        <source>完了予定日を過ぎた未完了の作業・最長 {days} 日超過</source>
        <translation>Open orders past their planned end · up to {days} days late</translation>
    </message>
    <message>
        <source>完了予定日を過ぎた未完了の作業</source>
        <translation>Open orders past their planned end</translation>
    </message>
    <message>
        <source>期限を過ぎた作業はありません。</source>
        <translation>No overdue work orders.</translation>
    </message>
    <message>
        <source>後続の作業が未発注の所見・作業 {orders} 件・施設 {assets} 件</source>
        <translation>Findings without a follow-up order · {orders} orders · {assets} assets</translation>
    </message>
    <message>
        <source>未対応の緊急度Iの所見はありません。</source>
        <translation>No urgency I findings left without action.</translation>
    </message>
    <message>
        <source>今月の稼働可能時間 {month}（今日まで {to_date}）</source>
        <translation>Capacity this month {month} ({to_date} up to today)</translation>
    </message>
    <message>
        <source>{month}月の実績 {hours} / 稼働可能 {to_date}（今日まで {days} 営業日）</source>
        <translation>Month {month}: {hours} of {to_date} capacity ({days} working days up to today)</translation>
    </message>
    <message>
        <source>今月の出向者はいません。</source>
        <translation>Nobody is seconded this month.</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count} people</translation>
    </message>
    <message>
        <source>うち30日以内 {count} 人</source>
        <translation>{count} of them within 30 days</translation>
    </message>
    <message>
        <source>{days}日以内に終了する出向はありません。</source>
        <translation>No secondment ends within {days} days.</translation>
    </message>
    <message>
        <source>{number}・年度の作業 {live} 件のうち完了・検収 {done} 件</source>
        <translation>{number} · {done} of the year's {live} orders completed or accepted</translation>
    </message>
    <message>
        <source>出来高 {done} / 年度計画 {planned}・契約 {count} 件</source>
        <translation>Earned {done} of {planned} planned · {count} contracts</translation>
    </message>
    <message>
        <source>{year}の契約はありません。</source>
        <translation>No contracts in {year}.</translation>
    </message>
</context>
<context>
    <name>DatabaseBackup</name>
    <message>
        <source>バックアップ(&amp;B)…</source>
        <translation>&amp;Back up…</translation>
    </message>
    <message>
        <source>復元(&amp;R)…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <source>複製しています</source>
        <translation>Copying</translation>
    </message>
    <message>
        <source>検査しています</source>
        <translation>Checking</translation>
    </message>
    <message>
        <source>新しい版に更新しています</source>
        <translation>Migrating to this version</translation>
    </message>
    <message>
        <source>SQLite データベース (*.sqlite3 *.db);;すべてのファイル (*)</source>
        <translation>SQLite database (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <source>バックアップの保存先</source>
        <translation>Save the backup as</translation>
    </message>
    <message>
        <source>データベースをバックアップしています…</source>
        <translation>Backing up the database…</translation>
    </message>
    <message>
        <source>バックアップ</source>
        <translation>Backup</translation>
    </message>
    <message>
        <source>バックアップしました: {path}</source>
        <translation>Backed up: {path}</translation>
    </message>
    <message>
        <source>バックアップしました。
{path}
({size}、検査済み)</source>
        <translation>Backed up.
{path}
({size}, checked)</translation>
    </message>
    <message>
        <source>復元するバックアップ</source>
        <translation>Backup to restore</translation>
    </message>
    <message>
        <source>データベースの復元</source>
        <translation>Restore the database</translation>
    </message>
    <message>
        <source>使用中のデータベース
{db}
を、バックアップ
{file}
の内容で置き換えます。

バックアップ以後の変更はなくなります（今のデータベースは同じフォルダに「…before-restore-日時.sqlite3」として残ります）。ファイルを確認してから置き換え、データベースを開き直します: 開いている画面はいったん閉じます。

復元しますか？</source>
        <translation>The database in use
{db}
will be replaced by the backup
{file}

Changes made since the backup are lost (the current database is kept in the same folder as "…before-restore-DATE.sqlite3"). The file is checked before anything is replaced, then the database is reopened: the open pages are closed for a moment.

Restore it?</translation>
    </message>
    <message>
        <source>バックアップを確認しています…</source>
        <translation>Checking the backup…</translation>
    </message>
    <message>
        <source>データベースを開き直しています…</source>
        <translation>Reopening the database…</translation>
    </message>
    <message>
        <source>データベースを開けませんでした。アプリを終了します。管理者に連絡してください。</source>
        <translation>The database could not be opened. oneaqita will quit; please contact your administrator.</translation>
    </message>
    <message>
        <source>復元しました。データベースを開き直しました。
{file}

元のデータベースは次に残してあります:
{kept}</source>
        <translation>Restored, and the database reopened.
{file}

The previous database is kept as:
{kept}</translation>
    </message>
    <message>
        <source>データベースを置き換えています…</source>
        <translation>Replacing the database…</translation>
    </message>
</context>
<context>
    <name>DatabaseSettingsDialog</name>
    <message>
        <source>データベースの設定</source>
        <translation>Database settings</translation>
    </message>
    <message>
        <source>このパソコンの oneaqita が開くデータベースを選びます。保存した設定は次回の起動から使われます。</source>
        <translation>Choose the database oneaqita opens on this computer. A saved setting takes effect at the next start.</translation>
    </message>
    <message>
        <source>いま開いているデータベース: {url}</source>
        <translation>Database open now: {url}</translation>
    </message>
    <message>
        <source>環境変数 {name} が設定されているため、保存した設定は使われません（環境変数が優先されます）。</source>
        <translation>The environment variable {name} is set, so the saved setting is not used (the variable comes first).</translation>
    </message>
    <message>
        <source>組み込みのデータベース（SQLite、このパソコンだけ）</source>
        <translation>Embedded database (SQLite, this computer only)</translation>
    </message>
    <message>
        <source>PostgreSQL サーバー（共有）</source>
        <translation>PostgreSQL server (shared)</translation>
    </message>
    <message>
        <source>ファイル: {path}</source>
        <translation>File: {path}</translation>
    </message>
    <message>
        <source>例: db.example.lan</source>
        <translation>e.g. db.example.lan</translation>
    </message>
    <message>
        <source>ログイン画面に最初に出す名前</source>
        <translation>The name first shown at the login</translation>
    </message>
    <message>
        <source>接続テストだけに使い、保存しません</source>
        <translation>Used for the connection test only, never saved</translation>
    </message>
    <message>
        <source>サーバー(&amp;H)</source>
        <translation>Server (&amp;host)</translation>
    </message>
    <message>
        <source>ポート(&amp;P)</source>
        <translation>&amp;Port</translation>
    </message>
    <message>
        <source>データベース(&amp;D)</source>
        <translation>&amp;Database</translation>
    </message>
    <message>
        <source>ユーザー(&amp;U)</source>
        <translation>&amp;User</translation>
    </message>
    <message>
        <source>SSL(&amp;L)</source>
        <translation>SS&amp;L</translation>
    </message>
    <message>
        <source>パスワード(&amp;W)</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>接続テスト(&amp;T)</source>
        <translation>&amp;Test connection</translation>
    </message>
    <message>
        <source>移行を実行(&amp;M)…</source>
        <translation>Run &amp;migrations…</translation>
    </message>
    <message>
        <source>スキーマの所有者だけが実行できます</source>
        <translation>Only the schema's owner can run them</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>接続しています…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <source>組み込みのデータベース</source>
        <translation>the embedded database</translation>
    </message>
    <message>
        <source>保存しました。次回の起動から {target} を開きます。いま開いているデータベースは、アプリを終了するまでそのまま使えます。</source>
        <translation>Saved. From the next start oneaqita opens {target}. The database open now stays in use until you quit the app.</translation>
    </message>
    <message>
        <source>データベース(&amp;D)…</source>
        <translation>&amp;Database…</translation>
    </message>
</context>
<context>
    <name>EditorDialog</name>
    <message>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>保存(&amp;S)</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>最新の内容を読み込む(&amp;L)</source>
        <translation>&amp;Load the latest</translation>
    </message>
    <message>
        <source>保存されている内容を読んでいます…</source>
        <translation>Reading what is stored…</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>データの書き出し</source>
        <translation>Export data</translation>
    </message>
    <message>
        <source>.csv（UTF-8、BOM付き）または .xlsx</source>
        <translation>.csv (UTF-8 with BOM) or .xlsx</translation>
    </message>
    <message>
        <source>書き出す(&amp;W)</source>
        <translation>&amp;Write</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>書き出し先のファイル</source>
        <translation>File to export to</translation>
    </message>
    <message>
        <source>CSV（UTF-8、BOM付き） (*.csv);;Excel (*.xlsx)</source>
        <translation>CSV (UTF-8 with BOM) (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>ファイルの上書き</source>
        <translation>Replace file</translation>
    </message>
    <message>
        <source>{path} は既にあります。置き換えますか？</source>
        <translation>{path} already exists. Replace it?</translation>
    </message>
    <message>
        <source>書き出し先のファイルを指定してください。</source>
        <translation>Please choose the file to export to.</translation>
    </message>
    <message>
        <source>ファイル名は .csv か .xlsx で終わるようにしてください。</source>
        <translation>The file name must end in .csv or .xlsx.</translation>
    </message>
    <message>
        <source>書き出しています…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>{count} 件を書き出しました。
{path}</source>
        <translation>{count} records written.
{path}</translation>
    </message>
</context>
<context>
    <name>FilterBar</name>
    <message>
        <source>検索中…</source>
        <translation>Searching…</translation>
    </message>
</context>
<context>
    <name>FindingDialog</name>
    <message>
        <source>所見の編集</source>
        <translation>Edit finding</translation>
    </message>
    <message>
        <source>所見の追加</source>
        <translation>Add finding</translation>
    </message>
    <message>
        <source>施設(&amp;A)</source>
        <translation>&amp;Asset</translation>
    </message>
    <message>
        <source>異常項目(&amp;C)</source>
        <translation>&amp;Category</translation>
    </message>
    <message>
        <source>ランク(&amp;R)</source>
        <translation>&amp;Rank</translation>
    </message>
    <message>
        <source>緊急度(&amp;U)</source>
        <translation>&amp;Urgency</translation>
    </message>
    <message>
        <source>備考(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>写真やファイルは、所見を保存してから添付できます。</source>
        <translation>Photos and files can be attached once the finding is saved.</translation>
    </message>
    <message>
        <source>スパン全体の判定 (A/B/C)</source>
        <translation>Graded for the whole span (A/B/C)</translation>
    </message>
    <message>
        <source>管1本ごとの判定 (a/b/c)</source>
        <translation>Graded per pipe length (a/b/c)</translation>
    </message>
    <message>
        <source>等級から ({urgency})</source>
        <translation>From the grades ({urgency})</translation>
    </message>
    <message>
        <source>等級から求めた緊急度: {urgency}</source>
        <translation>Urgency from the grades: {urgency}</translation>
    </message>
    <message>
        <source>選んだ緊急度は等級から求めたものと異なります。
両方が記録に残り、施設の状態には選んだ緊急度が使われます。</source>
        <translation>The urgency chosen differs from the one the grades give.
Both are kept; the asset's condition uses the one chosen.</translation>
    </message>
</context>
<context>
    <name>FindingsBox</name>
    <message>
        <source>施設コード</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>異常項目</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>ランク</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>緊急度</source>
        <translation>Urgency</translation>
    </message>
    <message>
        <source>添付</source>
        <translation>Files</translation>
    </message>
    <message>
        <source>所見を追加…</source>
        <translation>Add finding…</translation>
    </message>
    <message>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>削除</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>所見 ({count})</source>
        <translation>Findings ({count})</translation>
    </message>
    <message>
        <source>{urgency}（等級から {derived}）</source>
        <translation>{urgency} (grades give {derived})</translation>
    </message>
    <message>
        <source>入力された緊急度: {given}
等級から求めた緊急度: {derived}</source>
        <translation>Urgency given: {given}
Urgency from the grades: {derived}</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>最初の管理者を作成</source>
        <translation>Create the first administrator</translation>
    </message>
    <message>
        <source>このデータベースにはまだユーザーがいません。最初の管理者を作成してください。
{where}</source>
        <translation>This database has no users yet. Create its first administrator.
{where}</translation>
    </message>
    <message>
        <source>ログイン名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>空欄: 既存のログインロールとそのパスワードを使う</source>
        <translation>Empty: use an existing login role and its password</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>パスワード（確認）</source>
        <translation>Password (again)</translation>
    </message>
    <message>
        <source>作成</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>FirstStartDialog</name>
    <message>
        <source>oneaqita へようこそ</source>
        <translation>Welcome to oneaqita</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;このデータベースにはまだデータがありません。&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{url}&lt;/p&gt;&lt;p&gt;操作を試すには、架空の作業や担当者を含むデモデータを読み込めます（秋田県と25市町村は実在の団体、協力会社は架空です）。実際の業務に使うデータベースには読み込まないでください。&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;This database holds no data yet.&lt;/b&gt;&lt;/p&gt;&lt;p&gt;{url}&lt;/p&gt;&lt;p&gt;To try the app you can load the demo data, with invented work orders and staff (Akita Prefecture and its 25 municipalities are the real bodies; the partner firms are fictional). Do not load it into a database used for real work.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>デモデータを読み込む</source>
        <translation>Load the demo data</translation>
    </message>
    <message>
        <source>ファイルから取り込む…</source>
        <translation>Import from files…</translation>
    </message>
    <message>
        <source>空のデータベースで始める</source>
        <translation>Start with an empty database</translation>
    </message>
    <message>
        <source>このインストールにはデモデータが含まれていません。</source>
        <translation>This installation does not include the demo data.</translation>
    </message>
</context>
<context>
    <name>HeadcountTable</name>
    <message>
        <source>派遣元別の人数・FTE</source>
        <translation>Headcount and FTE by sending body</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>人数</source>
        <translation>Headcount</translation>
    </message>
    <message>
        <source>FTE</source>
        <translation>FTE</translation>
    </message>
    <message>
        <source>うち会社負担FTE</source>
        <translation>Company-paid FTE</translation>
    </message>
    <message>
        <source>会社負担FTE: 給与の会社負担割合の合計 ÷ 100（半分負担なら 0.50）</source>
        <translation>Company-paid FTE: the company's salary shares added up, divided by 100 (half paid counts 0.50)</translation>
    </message>
    <message>
        <source>基準日</source>
        <translation>As of</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
</context>
<context>
    <name>HoldingDialog</name>
    <message>
        <source>持株の変更を登録</source>
        <translation>Record a change of holding</translation>
    </message>
    <message>
        <source>株主(&amp;H)</source>
        <translation>&amp;Holder</translation>
    </message>
    <message>
        <source>効力発生日(&amp;D)</source>
        <translation>Effective &amp;date</translation>
    </message>
    <message>
        <source>株式数(&amp;S)</source>
        <translation>&amp;Shares</translation>
    </message>
    <message>
        <source>出資額（円）(&amp;C)</source>
        <translation>Paid-in &amp;capital (yen)</translation>
    </message>
    <message>
        <source>新しい行として登録します。これまでの持株は履歴として残ります。手放した株主は株式数 0 で登録します。</source>
        <translation>This is recorded as a new entry; earlier holdings stay in the history. Record a holder that has sold all its shares with 0 shares.</translation>
    </message>
    <message>
        <source>登録(&amp;R)</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>現在は株主ではありません。</source>
        <translation>Not a shareholder at present.</translation>
    </message>
    <message>
        <source>現在: {shares} 株（{since} から）</source>
        <translation>Now: {shares} shares (since {since})</translation>
    </message>
    <message>
        <source>{what}を入力してください。</source>
        <translation>Please enter the {what}.</translation>
    </message>
    <message>
        <source>株式数</source>
        <translation>number of shares</translation>
    </message>
    <message>
        <source>出資額</source>
        <translation>paid-in capital</translation>
    </message>
</context>
<context>
    <name>HoursTab</name>
    <message>
        <source>職員・作業</source>
        <translation>Person / work</translation>
    </message>
    <message>
        <source>職員番号・作業番号</source>
        <translation>Employee no. / order no.</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>うち承認済</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>勤務日数</source>
        <translation>Days worked</translation>
    </message>
    <message>
        <source>全員</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>この月に時間の記録がある職員</source>
        <translation>The people with hours in this month</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>月間作業時間表</source>
        <translation>Monthly hours</translation>
    </message>
    <message>
        <source>この月の作業時間の記録はありません。</source>
        <translation>No hours were recorded in this month.</translation>
    </message>
    <message>
        <source>合計　{people}名　時間 {hours}（うち承認済 {approved}）</source>
        <translation>Total: {people} people, {hours} hours ({approved} approved)</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>データの取り込み</source>
        <translation>Import data</translation>
    </message>
    <message>
        <source>.csv または .xlsx ファイル</source>
        <translation>a .csv or .xlsx file</translation>
    </message>
    <message>
        <source>確認(&amp;C)</source>
        <translation>&amp;Check</translation>
    </message>
    <message>
        <source>ファイルを確認します。まだ何も書き込みません。</source>
        <translation>Checks the file. Nothing is written yet.</translation>
    </message>
    <message>
        <source>取り込む(&amp;I)</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>確認でエラーがなかったときに使えます。</source>
        <translation>Available once a check has found no errors.</translation>
    </message>
    <message>
        <source>中止(&amp;A)</source>
        <translation>C&amp;ancel</translation>
    </message>
    <message>
        <source>取り込みを止めます。途中まで処理した分も含め、何も書き込みません。</source>
        <translation>Stops the import: nothing is written, not even what was already processed.</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>データの取り込みは{roles}だけが行えます。</source>
        <translation>Data is imported only by: {roles}.</translation>
    </message>
    <message>
        <source>取り込むファイル</source>
        <translation>File to import</translation>
    </message>
    <message>
        <source>表計算ファイル (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</source>
        <translation>Spreadsheets (*.csv *.xlsx);;CSV (*.csv);;Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>取り込むファイルを選んでください。</source>
        <translation>Please choose the file to import.</translation>
    </message>
    <message>
        <source>確認しています…</source>
        <translation>Checking…</translation>
    </message>
    <message>
        <source>取り込んでいます…</source>
        <translation>Importing…</translation>
    </message>
    <message>
        <source>ファイルを読んでいます… {done} 行</source>
        <translation>Reading the file… {done} rows</translation>
    </message>
    <message>
        <source>確認しています… {done} / {total} 行</source>
        <translation>Checking… {done} / {total} rows</translation>
    </message>
    <message>
        <source>取り込んでいます… {done} / {total} 行</source>
        <translation>Importing… {done} / {total} rows</translation>
    </message>
    <message>
        <source>中止しています…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>取り込みを中止しました。何も書き込んでいません。</source>
        <translation>Import cancelled. Nothing was written.</translation>
    </message>
    <message>
        <source>取り込めません: エラー {errors} 件（{rows} 行中）。何も書き込んでいません。ファイルを直してから、もう一度確認してください。</source>
        <translation>Cannot import: {errors} errors (in {rows} rows). Nothing was written. Correct the file, then check it again.</translation>
    </message>
    <message>
        <source>確認しました（まだ何も書き込んでいません）。取り込むと {counts}。</source>
        <translation>Checked (nothing written yet). Importing would give {counts}.</translation>
    </message>
    <message>
        <source>確認しました。変更はありません（{counts}）。</source>
        <translation>Checked. Nothing would change ({counts}).</translation>
    </message>
    <message>
        <source>取り込みました: {counts}。</source>
        <translation>Imported: {counts}.</translation>
    </message>
    <message>
        <source>取り込みを中止しました: エラー {errors} 件。何も書き込んでいません。</source>
        <translation>Import rejected: {errors} errors. Nothing was written.</translation>
    </message>
    <message>
        <source>追加 {added} 件、更新 {updated} 件、変更なし {unchanged} 件</source>
        <translation>{added} added, {updated} updated, {unchanged} unchanged</translation>
    </message>
</context>
<context>
    <name>ImportReportView</name>
    <message>
        <source>確認の結果がここに表示されます。</source>
        <translation>The result of the check appears here.</translation>
    </message>
    <message>
        <source>報告(&amp;R)</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>報告をコピー(&amp;O)</source>
        <translation>C&amp;opy report</translation>
    </message>
</context>
<context>
    <name>KindLegend</name>
    <message>
        <source>▶ 期間の定めなし・期間外へ続く</source>
        <translation>▶ No end date / continues beyond the period</translation>
    </message>
    <message>
        <source>｜今日</source>
        <translation>| Today</translation>
    </message>
</context>
<context>
    <name>KpiTargetsDialog</name>
    <message>
        <source>KPI目標</source>
        <translation>KPI targets</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>指標</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <source>単位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>目標</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>未設定</source>
        <translation>not set</translation>
    </message>
</context>
<context>
    <name>LeavingList</name>
    <message>
        <source>職員</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>終了日</source>
        <translation>End</translation>
    </message>
    <message>
        <source>残り</source>
        <translation>Left</translation>
    </message>
    <message>
        <source>90日以内に終了する出向はありません。</source>
        <translation>No secondment ends within 90 days.</translation>
    </message>
    <message>
        <source>90日以内に終了 ({count}人)</source>
        <translation>Ending within 90 days ({count})</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>oneaqita にログイン</source>
        <translation>Log in to oneaqita</translation>
    </message>
    <message>
        <source>ログイン名とパスワードを入力してください。
{where}</source>
        <translation>Enter your login and password.
{where}</translation>
    </message>
    <message>
        <source>ログイン名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>パスワード</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>ログイン</source>
        <translation>Log in</translation>
    </message>
    <message>
        <source>キャンセル</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>デモ用のユーザーはパスワードなしで選べます:</source>
        <translation>The demo users can be picked without a password:</translation>
    </message>
    <message>
        <source>ログイン名を入力してください。
Enter your login.</source>
        <translation>ログイン名を入力してください。
Enter your login.</translation>
    </message>
    <message>
        <source>サーバーに接続しています…</source>
        <translation>Connecting to the server…</translation>
    </message>
    <message>
        <source>確認しています…</source>
        <translation>Checking…</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>oneaqita — 株式会社ONE・AQITA</source>
        <translation>oneaqita — ONE-AQITA Co., Ltd.</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>取り込み(&amp;I)…</source>
        <translation>&amp;Import…</translation>
    </message>
    <message>
        <source>書き出し(&amp;E)…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>終了(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>表示(&amp;V)</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>最新の情報に更新(&amp;R)</source>
        <translation>&amp;Refresh</translation>
    </message>
    <message>
        <source>設定(&amp;S)</source>
        <translation>&amp;Settings</translation>
    </message>
    <message>
        <source>作業種別(&amp;W)…</source>
        <translation>&amp;Work types…</translation>
    </message>
    <message>
        <source>KPI目標(&amp;K)…</source>
        <translation>&amp;KPI targets…</translation>
    </message>
    <message>
        <source>ヘルプ(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>oneaqitaについて(&amp;A)</source>
        <translation>&amp;About oneaqita</translation>
    </message>
    <message>
        <source>データベース: {url}</source>
        <translation>Database: {url}</translation>
    </message>
    <message>
        <source>ユーザー: {login}（{role}）</source>
        <translation>User: {login} ({role})</translation>
    </message>
    <message>
        <source>oneaqitaについて</source>
        <translation>About oneaqita</translation>
    </message>
    <message>
        <source>&lt;h3&gt;oneaqita {version}&lt;/h3&gt;&lt;p&gt;株式会社ONE・AQITA の業務管理アプリケーション&lt;/p&gt;&lt;p&gt;秋田県と県内25市町村の下水道維持管理を共同で担うための、出向職員・施設・契約・作業指示・報告の管理ツールです。&lt;/p&gt;&lt;p&gt;データベース: {url}&lt;/p&gt;</source>
        <translation>&lt;h3&gt;oneaqita {version}&lt;/h3&gt;&lt;p&gt;Operations application of ONE-AQITA Co., Ltd.&lt;/p&gt;&lt;p&gt;Seconded staff, sewer assets, contracts, work orders and reports for the joint sewer maintenance of Akita Prefecture and its 25 municipalities.&lt;/p&gt;&lt;p&gt;Database: {url}&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>作業</source>
        <translation>Work order</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>発注者の検収番号など（任意）</source>
        <translation>The client's acceptance number (optional)</translation>
    </message>
    <message>
        <source>検収番号(&amp;R)</source>
        <translation>&amp;Reference</translation>
    </message>
    <message>
        <source>中止する理由を入力してください（必須）</source>
        <translation>Why is it cancelled? (required)</translation>
    </message>
    <message>
        <source>中止の理由(&amp;N)</source>
        <translation>Reaso&amp;n</translation>
    </message>
    <message>
        <source>任意</source>
        <translation>Optional</translation>
    </message>
    <message>
        <source>メモ(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>実績開始日(&amp;D)</source>
        <translation>Actual start &amp;date</translation>
    </message>
    <message>
        <source>実績終了日(&amp;D)</source>
        <translation>Actual end &amp;date</translation>
    </message>
    <message>
        <source>検収日(&amp;D)</source>
        <translation>Acceptance &amp;date</translation>
    </message>
    <message>
        <source>実績開始日 {day} 以降</source>
        <translation>On or after the actual start, {day}</translation>
    </message>
    <message>
        <source>実績終了日 {day} 以降</source>
        <translation>On or after the actual end, {day}</translation>
    </message>
</context>
<context>
    <name>NoteDialog</name>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>空にすると備考を消します</source>
        <translation>Leave it empty to remove the note</translation>
    </message>
    <message>
        <source>セル</source>
        <translation>Cell</translation>
    </message>
    <message>
        <source>備考(&amp;N)</source>
        <translation>&amp;Note</translation>
    </message>
    <message>
        <source>(入力なし)</source>
        <translation>(no entry)</translation>
    </message>
</context>
<context>
    <name>OrdersModel</name>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>予定開始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>予定終了</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>施設数</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>延長 (m)</source>
        <translation>Length (m)</translation>
    </message>
</context>
<context>
    <name>OrganizationDialog</name>
    <message>
        <source>団体の編集</source>
        <translation>Edit organization</translation>
    </message>
    <message>
        <source>団体の追加</source>
        <translation>Add organization</translation>
    </message>
    <message>
        <source>団体コード(&amp;C)</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>種別(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>名称(&amp;N)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>カナ(&amp;A)</source>
        <translation>K&amp;ana</translation>
    </message>
    <message>
        <source>英語名(&amp;E)</source>
        <translation>&amp;English name</translation>
    </message>
    <message>
        <source>デモデータの架空の会社です。</source>
        <translation>A fictional company of the demo data.</translation>
    </message>
    <message>
        <source>JIS X 0402 の6桁（検査数字を含む）。秋田県は 050008。</source>
        <translation>Six-digit JIS X 0402 code including its check digit. Akita Prefecture is 050008.</translation>
    </message>
    <message>
        <source>JIS X 0402 の6桁（検査数字を含む）。例: 秋田市 052019。</source>
        <translation>Six-digit JIS X 0402 code including its check digit, e.g. Akita City 052019.</translation>
    </message>
    <message>
        <source>20文字以内の任意のコード。例: P004。</source>
        <translation>Any code of up to 20 characters, e.g. P004.</translation>
    </message>
</context>
<context>
    <name>OrganizationTableModel</name>
    <message>
        <source>コード</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>カナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>英語名</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>デモデータの架空の会社です。実在の会社ではありません。</source>
        <translation>A fictional company of the demo data, not a real one.</translation>
    </message>
</context>
<context>
    <name>OrganizationsPage</name>
    <message>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>コード・名称・カナ・英語名で検索</source>
        <translation>Search code, name, kana, English name</translation>
    </message>
    <message>
        <source>新規…(&amp;N)</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>編集…(&amp;E)</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>団体の追加・変更は{roles}だけが行えます。</source>
        <translation>Organizations are added and changed only by: {roles}.</translation>
    </message>
    <message>
        <source>種別(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>団体</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>{shown} / {total} 件</source>
        <translation>{shown} of {total}</translation>
    </message>
</context>
<context>
    <name>OutlookChart</name>
    <message>
        <source>改築需要(百万円/年)</source>
        <translation>Renewal demand (million yen a year)</translation>
    </message>
    <message>
        <source>百万円</source>
        <translation>million yen</translation>
    </message>
    <message>
        <source>平準化後(予算 {budget} 百万円/年)</source>
        <translation>Levelled (budget {budget} million yen a year)</translation>
    </message>
    <message>
        <source>{year}年度 {name}: {value} 百万円</source>
        <translation>FY{year} {name}: {value} million yen</translation>
    </message>
</context>
<context>
    <name>OutlookPage</name>
    <message>
        <source>すべての団体</source>
        <translation>All bodies</translation>
    </message>
    <message>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source> 年度から</source>
        <translation> FY on</translation>
    </message>
    <message>
        <source>種別で積み上げ</source>
        <translation>Stacked by kind</translation>
    </message>
    <message>
        <source>団体で積み上げ</source>
        <translation>Stacked by body</translation>
    </message>
    <message>
        <source>年間予算(円)</source>
        <translation>Yearly budget (yen)</translation>
    </message>
    <message>
        <source>1年に使える改築費(円)。入れると平準化した場合の支出を線で示します。</source>
        <translation>The renewal budget of one year (yen). When given, the levelled spending is drawn as a line.</translation>
    </message>
    <message>
        <source>XLSX保存…</source>
        <translation>Save XLSX…</translation>
    </message>
    <message>
        <source>CSV保存…</source>
        <translation>Save CSV…</translation>
    </message>
    <message>
        <source>耐用年数・単価…</source>
        <translation>Service lives and costs…</translation>
    </message>
    <message>
        <source>予算</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>改築需要</source>
        <translation>Renewal outlook</translation>
    </message>
    <message>
        <source>健全度</source>
        <translation>Condition</translation>
    </message>
    <message>
        <source>耐用年数を超える管路: 現在 {now} km / 10年後 {ten} km / 20年後 {twenty} km</source>
        <translation>Pipe past its service life: now {now} km / in 10 years {ten} km / in 20 years {twenty} km</translation>
    </message>
    <message>
        <source>{first}〜{last}年度の改築費は {total} 百万円(うち初年度の積み残し {backlog} 百万円)。</source>
        <translation>Renewals FY{first}–FY{last}: {total} million yen (of which {backlog} million yen already past their life in the first year). </translation>
    </message>
    <message>
        <source>布設年度のない {n} 件は含みません。</source>
        <translation>{n} assets without an installed year are left out. </translation>
    </message>
    <message>
        <source>予算内に収まらず、期間末に {left} 百万円が残ります({year}年度分から)。</source>
        <translation>The budget does not cover it: {left} million yen are left at the end of the horizon (due from FY{year}). </translation>
    </message>
    <message>
        <source>予算内で期間中にすべて改築できます(繰越は最長 {n} 年)。</source>
        <translation>The budget covers every renewal within the horizon (carried over at most {n} years). </translation>
    </message>
    <message>
        <source>Excel ブック (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>改築需要_{year}</source>
        <translation>renewal_outlook_{year}</translation>
    </message>
    <message>
        <source>改築需要を保存</source>
        <translation>Save the renewal outlook</translation>
    </message>
    <message>
        <source>{path} に保存しました({rows} 行)。</source>
        <translation>Saved to {path} ({rows} rows).</translation>
    </message>
</context>
<context>
    <name>OwnerMigrationDialog</name>
    <message>
        <source>移行（マイグレーション）の実行</source>
        <translation>Run the migrations</translation>
    </message>
    <message>
        <source>{server} のスキーマを、このバージョンの oneaqita の最新の版に更新します。スキーマの所有者のログインで実行してください（所有者でなければ何も変更しません）。</source>
        <translation>Upgrades the schema of {server} to the newest revision of this version of oneaqita. Run it with the login of the schema's owner (for any other role nothing is changed).</translation>
    </message>
    <message>
        <source>所有者のログイン名(&amp;O)</source>
        <translation>&amp;Owner's login name</translation>
    </message>
    <message>
        <source>パスワード(&amp;W)</source>
        <translation>Pass&amp;word</translation>
    </message>
    <message>
        <source>パスワードをこのパソコンのキーリングに記憶する</source>
        <translation>Remember the password in this computer's keyring</translation>
    </message>
    <message>
        <source>この環境にはキーリング（パスワードの保管場所）がないため、パスワードは記憶できません。どこにも保存しません。</source>
        <translation>No keyring (system password store) is available here, so the password cannot be remembered. It is not stored anywhere.</translation>
    </message>
    <message>
        <source>実行(&amp;R)</source>
        <translation>&amp;Run</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>最初の管理者を作成(&amp;A)…</source>
        <translation>Create the first &amp;administrator…</translation>
    </message>
    <message>
        <source>記憶したパスワードを使います</source>
        <translation>The remembered password is used</translation>
    </message>
    <message>
        <source>版 {revision} に更新しています</source>
        <translation>Upgrading to revision {revision}</translation>
    </message>
    <message>
        <source>データベースを移行しています…</source>
        <translation>Migrating the database…</translation>
    </message>
    <message>
        <source>このデータベースにはまだユーザーがいません。最初の管理者を作成してください。</source>
        <translation>This database has no users yet. Create its first administrator.</translation>
    </message>
    <message>
        <source>管理者「{login}」を作成しました。次回の起動時にこのログイン名とパスワードでログインしてください。</source>
        <translation>The administrator '{login}' was created. Log in with this login and password at the next start.</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>パスワードの再設定</source>
        <translation>Reset password</translation>
    </message>
    <message>
        <source>{login}（{name}）の新しいパスワードを設定します。</source>
        <translation>Set a new password for {login} ({name}).</translation>
    </message>
    <message>
        <source>新しいパスワード(&amp;W)</source>
        <translation>New pass&amp;word</translation>
    </message>
    <message>
        <source>もう一度(&amp;A)</source>
        <translation>&amp;Again</translation>
    </message>
    <message>
        <source>PostgreSQL のログインロールのパスワードを変更します。</source>
        <translation>This changes the PostgreSQL login role's password.</translation>
    </message>
    <message>
        <source>ロックされていれば解除されます。</source>
        <translation>A locked account is unlocked.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>印刷しています…</source>
        <translation>Printing…</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Stop</translation>
    </message>
    <message>
        <source>前のページ</source>
        <translation>Previous page</translation>
    </message>
    <message>
        <source>前のページ (PageUp)</source>
        <translation>Previous page (PageUp)</translation>
    </message>
    <message>
        <source>次のページ</source>
        <translation>Next page</translation>
    </message>
    <message>
        <source>次のページ (PageDown)</source>
        <translation>Next page (PageDown)</translation>
    </message>
    <message>
        <source>/ {pages}ページ</source>
        <translation>/ {pages} pages</translation>
    </message>
    <message>
        <source>縮小</source>
        <translation>Zoom out</translation>
    </message>
    <message>
        <source>縮小 (Ctrl+-)</source>
        <translation>Zoom out (Ctrl+-)</translation>
    </message>
    <message>
        <source>拡大</source>
        <translation>Zoom in</translation>
    </message>
    <message>
        <source>拡大 (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>幅に合わせる</source>
        <translation>Fit width</translation>
    </message>
    <message>
        <source>ページ全体</source>
        <translation>Whole page</translation>
    </message>
    <message>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>プリンターに送ります (Ctrl+P)</source>
        <translation>Send to a printer (Ctrl+P)</translation>
    </message>
    <message>
        <source>保存…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>PDFファイルとして保存します (Ctrl+S)</source>
        <translation>Save as a PDF file (Ctrl+S)</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>印刷</source>
        <translation>Print</translation>
    </message>
    <message>
        <source>PDFの保存</source>
        <translation>Save PDF</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PeopleColumns</name>
    <message>
        <source>〜{end}</source>
        <translation>until {end}</translation>
    </message>
    <message>
        <source>職員番号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>カナ</source>
        <translation>Kana</translation>
    </message>
    <message>
        <source>所属団体</source>
        <translation>Home body</translation>
    </message>
    <message>
        <source>出向中（終了予定）</source>
        <translation>Seconded (until)</translation>
    </message>
    <message>
        <source>メールアドレス</source>
        <translation>E-mail</translation>
    </message>
</context>
<context>
    <name>PeopleFilterBar</name>
    <message>
        <source>すべての所属団体</source>
        <translation>All home bodies</translation>
    </message>
    <message>
        <source>出向: すべて</source>
        <translation>Secondment: all</translation>
    </message>
    <message>
        <source>出向中</source>
        <translation>Seconded now</translation>
    </message>
    <message>
        <source>出向中でない</source>
        <translation>Not seconded now</translation>
    </message>
    <message>
        <source>今日の時点で出向中かどうか</source>
        <translation>Whether the person is seconded today</translation>
    </message>
    <message>
        <source>すべての資格</source>
        <translation>All qualifications</translation>
    </message>
    <message>
        <source>氏名・カナ・職員番号・メールで検索</source>
        <translation>Search name, kana, employee no., e-mail</translation>
    </message>
    <message>
        <source>所属</source>
        <translation>Home body</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count} people</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>人員</source>
        <translation>People</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>週</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>月</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>1週間 (月〜日) を表示します</source>
        <translation>Show one week (Monday to Sunday)</translation>
    </message>
    <message>
        <source>1か月を表示します</source>
        <translation>Show one month</translation>
    </message>
    <message>
        <source>前の期間 (PageUp)</source>
        <translation>Previous period (PageUp)</translation>
    </message>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>今日を含む期間 (Home・T)</source>
        <translation>The period with today (Home, T)</translation>
    </message>
    <message>
        <source>次の期間 (PageDown)</source>
        <translation>Next period (PageDown)</translation>
    </message>
    <message>
        <source>過負荷</source>
        <translation>Overloaded</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{year}/{month}</translation>
    </message>
    <message>
        <source>{y1}年{m1}月{d1}日 〜 {y2}年{m2}月{d2}日</source>
        <translation>{y1}/{m1}/{d1} – {y2}/{m2}/{d2}</translation>
    </message>
</context>
<context>
    <name>PersonCardPane</name>
    <message>
        <source>一覧から職員を選んでください。</source>
        <translation>Choose a person in the list.</translation>
    </message>
    <message>
        <source>職員番号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>所属団体</source>
        <translation>Home body</translation>
    </message>
    <message>
        <source>メール</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>資格</source>
        <translation>Qualifications</translation>
    </message>
    <message>
        <source>区分</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>職員情報を編集…</source>
        <translation>Edit person…</translation>
    </message>
    <message>
        <source>職員情報の編集は{roles}だけが行えます。</source>
        <translation>Only {roles} edit people.</translation>
    </message>
    <message>
        <source>出向の履歴</source>
        <translation>Secondments</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>開始</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>終了</source>
        <translation>End</translation>
    </message>
    <message>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>会社負担</source>
        <translation>Company pays</translation>
    </message>
    <message>
        <source>出向を登録…</source>
        <translation>Add secondment…</translation>
    </message>
    <message>
        <source>延長…</source>
        <translation>Extend…</translation>
    </message>
    <message>
        <source>終了…</source>
        <translation>End…</translation>
    </message>
    <message>
        <source>出向の記録はありません。</source>
        <translation>No secondments recorded.</translation>
    </message>
    <message>
        <source>なし</source>
        <translation>None</translation>
    </message>
    <message>
        <source>役員</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
    <message>
        <source>出向の履歴 ({count})</source>
        <translation>Secondments ({count})</translation>
    </message>
</context>
<context>
    <name>PersonChooser</name>
    <message>
        <source>職員 (社員番号・氏名)</source>
        <translation>Person (employee no. or name)</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>職員情報の編集</source>
        <translation>Edit person</translation>
    </message>
    <message>
        <source>1行に1つ、または ; で区切る</source>
        <translation>One a line, or separated by ;</translation>
    </message>
    <message>
        <source>役員 (代表取締役・取締役・監査役など)</source>
        <translation>Officer (president, director, auditor …)</translation>
    </message>
    <message>
        <source>派遣・出向による者も含みます。株主向け事業報告の職員の状況で役員として数えます</source>
        <translation>Seconded people too. The report to the shareholders counts them as officers in its staff table</translation>
    </message>
    <message>
        <source>職員番号(&amp;N)</source>
        <translation>Employee &amp;no.</translation>
    </message>
    <message>
        <source>氏名(&amp;M)</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>カナ(&amp;K)</source>
        <translation>&amp;Kana</translation>
    </message>
    <message>
        <source>所属団体(&amp;H)</source>
        <translation>&amp;Home organization</translation>
    </message>
    <message>
        <source>メール(&amp;E)</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>電話(&amp;P)</source>
        <translation>&amp;Phone</translation>
    </message>
    <message>
        <source>資格(&amp;Q)</source>
        <translation>&amp;Qualifications</translation>
    </message>
    <message>
        <source>区分(&amp;O)</source>
        <translation>P&amp;osition</translation>
    </message>
    <message>
        <source>役員</source>
        <translation>Officer</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>Staff</translation>
    </message>
</context>
<context>
    <name>PlanChart</name>
    <message>
        <source>{count} 件</source>
        <translation>{count} orders</translation>
    </message>
    <message>
        <source>均等配分 {km}</source>
        <translation>Even share {km}</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>点検計画 — {number}</source>
        <translation>Inspection plan — {number}</translation>
    </message>
    <message>
        <source>{title}（{first} 〜 {last}）</source>
        <translation>{title} ({first} to {last})</translation>
    </message>
    <message>
        <source>対象と配分</source>
        <translation>Assets and spread</translation>
    </message>
    <message>
        <source>すべての団体</source>
        <translation>All bodies</translation>
    </message>
    <message>
        <source>すべての地区</source>
        <translation>All districts</translation>
    </message>
    <message>
        <source>すべての種別</source>
        <translation>All kinds</translation>
    </message>
    <message>
        <source>指定なし</source>
        <translation>Any</translation>
    </message>
    <message>
        <source> 年より前</source>
        <translation> (not included)</translation>
    </message>
    <message>
        <source>古い順（設置年）</source>
        <translation>Oldest first (installed year)</translation>
    </message>
    <message>
        <source>状態の悪い順（緊急度、次に設置年）</source>
        <translation>Worst first (urgency, then installed year)</translation>
    </message>
    <message>
        <source>この年度は契約期間内に今日以降の稼働日がありません</source>
        <translation>This fiscal year has no working day left inside the contract's period</translation>
    </message>
    <message>
        <source> 件まで</source>
        <translation> at most</translation>
    </message>
    <message>
        <source>所有団体(&amp;O)</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>地区(&amp;D)</source>
        <translation>&amp;District</translation>
    </message>
    <message>
        <source>施設の種別(&amp;K)</source>
        <translation>Asset &amp;kind</translation>
    </message>
    <message>
        <source>設置年(&amp;B)</source>
        <translation>Installed &amp;before</translation>
    </message>
    <message>
        <source>優先順(&amp;P)</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;years</translation>
    </message>
    <message>
        <source>1作業あたりの施設数(&amp;N)</source>
        <translation>Assets per order (&amp;N)</translation>
    </message>
    <message>
        <source>条件を決めて「試算」を押してください。</source>
        <translation>Choose the assets and press Preview.</translation>
    </message>
    <message>
        <source>年度</source>
        <translation>Fiscal year</translation>
    </message>
    <message>
        <source>作業数</source>
        <translation>Orders</translation>
    </message>
    <message>
        <source>施設数</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>延長</source>
        <translation>Length</translation>
    </message>
    <message>
        <source>試算(&amp;R)</source>
        <translation>P&amp;review</translation>
    </message>
    <message>
        <source>作成する作業を計算して表示します (Ctrl+Enter)</source>
        <translation>Computes and shows the orders to create (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>作成(&amp;C)…</source>
        <translation>&amp;Create…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>条件が変わりました。もう一度「試算」を押してください。</source>
        <translation>The settings changed. Press Preview again.</translation>
    </message>
    <message>
        <source>年度を1つ以上選んでください。</source>
        <translation>Choose at least one fiscal year.</translation>
    </message>
    <message>
        <source>試算しています…</source>
        <translation>Previewing…</translation>
    </message>
    <message>
        <source>試算できませんでした。</source>
        <translation>The preview could not be made.</translation>
    </message>
    <message>
        <source>{orders} 件の作業に {assets} 件の施設（延長 {km}）。</source>
        <translation>{orders} orders for {assets} assets ({km}).</translation>
    </message>
    <message>
        <source> 未完了の{type}作業に含まれる {count} 件は除きました。</source>
        <translation> {count} assets already in unfinished orders of type {type} are left out.</translation>
    </message>
    <message>
        <source> 延長のない {count} 件は平均の延長として配分しました。</source>
        <translation> {count} assets without a length are counted as of average length.</translation>
    </message>
    <message>
        <source>点検計画の作成</source>
        <translation>Create the inspection plan</translation>
    </message>
    <message>
        <source>{count}件の作業を作成します。よろしいですか？</source>
        <translation>{count} work orders will be created. Go ahead?</translation>
    </message>
    <message>
        <source>作業は「予定」の状態で、1回の処理でまとめて作成されます。</source>
        <translation>The orders are created as planned, all in one go.</translation>
    </message>
    <message>
        <source>作成する</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>点検計画の作業を作成しています…</source>
        <translation>Creating the inspection plan's orders…</translation>
    </message>
    <message>
        <source>点検計画</source>
        <translation>Inspection plan</translation>
    </message>
    <message>
        <source>作成できませんでした。何も作成していません。</source>
        <translation>Could not create; nothing was created.</translation>
    </message>
    <message>
        <source>{orders} 件の作業（予定）を作成しました。契約の作業一覧で確認できます。</source>
        <translation>{orders} planned work orders were created; the work-order list shows them.</translation>
    </message>
</context>
<context>
    <name>QueueModel</name>
    <message>
        <source>自分の週は承認・差戻しできません。別の管理職に依頼してください。</source>
        <translation>Nobody approves or returns their own week; ask another manager.</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>社員番号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>週</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>提出日時</source>
        <translation>Submitted</translation>
    </message>
</context>
<context>
    <name>QueueTab</name>
    <message>
        <source>{count} 週</source>
        <translation>{count} weeks</translation>
    </message>
    <message>
        <source>承認待ち</source>
        <translation>Waiting</translation>
    </message>
    <message>
        <source>承認済み (差戻し用)</source>
        <translation>Approved (to return)</translation>
    </message>
    <message>
        <source>過去 </source>
        <translation>Last </translation>
    </message>
    <message>
        <source> 週</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>今週から何週さかのぼって承認済みの週を表示するか</source>
        <translation>How many weeks back from this week the approved weeks are listed</translation>
    </message>
    <message>
        <source>表示</source>
        <translation>Show</translation>
    </message>
    <message>
        <source>承認(&amp;A)</source>
        <translation>&amp;Approve</translation>
    </message>
    <message>
        <source>差戻し…(&amp;R)</source>
        <translation>&amp;Return…</translation>
    </message>
    <message>
        <source>選んだ週を承認します (Ctrl+Enter)</source>
        <translation>Approve the selected weeks (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>1週ずつ、理由を付けて差し戻します (Ctrl+Backspace)</source>
        <translation>Return one week at a time, with the reason (Ctrl+Backspace)</translation>
    </message>
    <message>
        <source>まとめて承認</source>
        <translation>Approve several weeks</translation>
    </message>
    <message>
        <source>選んだ {count} 週 (合計 {hours}) を承認しますか？
{people}</source>
        <translation>Approve the {count} selected weeks ({hours} in all)?
{people}</translation>
    </message>
    <message>
        <source>{count} 週を承認しました。</source>
        <translation>{count} week(s) approved.</translation>
    </message>
    <message>
        <source>他の人が先に変更したため、一覧を読み直しました。</source>
        <translation>Someone else changed it first: the list was read again.</translation>
    </message>
    <message>
        <source>承認済みの週を差し戻す</source>
        <translation>Return an approved week</translation>
    </message>
    <message>
        <source>{name}（{number}）の {week} は承認済みです。差し戻すと、この週の時間のロックが解除され、本人が直して再提出するまで承認済みではなくなります。差し戻しますか？</source>
        <translation>The week {week} of {name} ({number}) is approved. Returning it unlocks its hours: it is no longer approved until it is corrected and submitted again. Return it?</translation>
    </message>
    <message>
        <source>差し戻しました。</source>
        <translation>Returned.</translation>
    </message>
</context>
<context>
    <name>RenewalBasisDialog</name>
    <message>
        <source>耐用年数・単価</source>
        <translation>Service lives and unit costs</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>標準耐用年数(年)</source>
        <translation>Standard life (years)</translation>
    </message>
    <message>
        <source>団体</source>
        <translation>Body</translation>
    </message>
    <message>
        <source>目標耐用年数(年)</source>
        <translation>Target life (years)</translation>
    </message>
    <message>
        <source>管径(mm)から</source>
        <translation>Diameter from (mm)</translation>
    </message>
    <message>
        <source>改築単価(円)</source>
        <translation>Unit cost (yen)</translation>
    </message>
    <message>
        <source>年数</source>
        <translation>Years</translation>
    </message>
    <message>
        <source>単価(円)</source>
        <translation>Unit cost (yen)</translation>
    </message>
    <message>
        <source>追加</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>削除…</source>
        <translation>Remove…</translation>
    </message>
    <message>
        <source>標準耐用年数</source>
        <translation>Standard lives</translation>
    </message>
    <message>
        <source>団体の目標耐用年数</source>
        <translation>Bodies' target lives</translation>
    </message>
    <message>
        <source>改築単価</source>
        <translation>Unit costs</translation>
    </message>
    <message>
        <source>管路は1mあたり、その他の施設は1基(1施設)あたりの単価です。管径の帯は次の帯の下限までです。初期値は総務省「公共施設等更新費用試算ソフト」の管径別単価と当社の概算で、実情に合わせて直してください。</source>
        <translation>Pipes cost per metre, every other kind per asset. A diameter band runs up to the next band's lower bound. The initial values are the per-diameter costs of the MIC's public-facility renewal cost software and the company's own estimates: adjust them to the facts.</translation>
    </message>
    <message>
        <source>削除の確認</source>
        <translation>Confirm removal</translation>
    </message>
    <message>
        <source>{body}の{kind}の目標耐用年数を削除しますか?標準耐用年数に戻ります。</source>
        <translation>Remove the target life of {body} for {kind}? Its assets follow the standard life again.</translation>
    </message>
    <message>
        <source>{kind}の管径 {low} mm からの単価を削除しますか?</source>
        <translation>Remove the unit cost of {kind} from {low} mm?</translation>
    </message>
</context>
<context>
    <name>ReportChooser</name>
    <message>
        <source>報告する年度 (4月〜翌年3月)</source>
        <translation>The fiscal year reported on (April to March)</translation>
    </message>
    <message>
        <source>通年（4月〜3月）</source>
        <translation>Whole year (April–March)</translation>
    </message>
    <message>
        <source>第{n}四半期（{months}）</source>
        <translation>Quarter {n} ({months})</translation>
    </message>
    <message>
        <source>株主向け事業報告</source>
        <translation>Report to the shareholders</translation>
    </message>
    <message>
        <source>団体別 事業実施状況</source>
        <translation>Statement per body</translation>
    </message>
    <message>
        <source>株主向け事業報告: 株主総会向けの冊子 / 事業実施状況: 一つの株主団体の明細</source>
        <translation>Report to the shareholders: the booklet for the general meeting / Statement: one shareholder body's page</translation>
    </message>
    <message>
        <source>明細を作成する株主団体 (県・市町村)</source>
        <translation>The shareholder body the statement is for (the prefecture or a municipality)</translation>
    </message>
    <message>
        <source>年度(&amp;Y)</source>
        <translation>Fiscal &amp;year</translation>
    </message>
    <message>
        <source>期間(&amp;Q)</source>
        <translation>Period (&amp;Q)</translation>
    </message>
    <message>
        <source>帳票(&amp;R)</source>
        <translation>&amp;Report</translation>
    </message>
    <message>
        <source>団体(&amp;B)</source>
        <translation>&amp;Body</translation>
    </message>
    <message>
        <source>{label}（{year}年度）</source>
        <translation>FY{year} ({label})</translation>
    </message>
</context>
<context>
    <name>ReportTab</name>
    <message>
        <source>PDFプレビュー…</source>
        <translation>PDF preview…</translation>
    </message>
    <message>
        <source>表示中の集計をPDFで確認・印刷・保存します (Ctrl+P)</source>
        <translation>Preview, print or save the figures shown as PDF (Ctrl+P)</translation>
    </message>
    <message>
        <source>CSV保存…</source>
        <translation>Save CSV…</translation>
    </message>
    <message>
        <source>表示中の集計をCSVファイル (Excel用) に保存します</source>
        <translation>Save the figures shown as a CSV file (for Excel)</translation>
    </message>
    <message>
        <source>読み込み中…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>{title}を作成しています…</source>
        <translation>Making the {title}…</translation>
    </message>
    <message>
        <source>CSVの保存</source>
        <translation>Save CSV</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>保存しています…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>{path} に保存しました ({rows}行)</source>
        <translation>Saved to {path} ({rows} rows)</translation>
    </message>
    <message>
        <source>保存できませんでした</source>
        <translation>Could not save</translation>
    </message>
</context>
<context>
    <name>ReportsPage</name>
    <message>
        <source>作成</source>
        <translation>Build</translation>
    </message>
    <message>
        <source>選んだ帳票を作成して表示します (Ctrl+Enter)</source>
        <translation>Builds the chosen report and shows it (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>KPI目標…</source>
        <translation>KPI targets…</translation>
    </message>
    <message>
        <source>選んだ年度のKPI目標を設定します</source>
        <translation>Sets the KPI targets of the chosen fiscal year</translation>
    </message>
    <message>
        <source>印刷…</source>
        <translation>Print…</translation>
    </message>
    <message>
        <source>プリンターに送ります (Ctrl+P)</source>
        <translation>Sends it to a printer (Ctrl+P)</translation>
    </message>
    <message>
        <source>保存…</source>
        <translation>Save…</translation>
    </message>
    <message>
        <source>PDFファイル (団体別はCSVも) に保存します (Ctrl+S)</source>
        <translation>Saves it as a PDF file (a statement also as CSV) (Ctrl+S)</translation>
    </message>
    <message>
        <source>年度・期間・帳票を選んで「作成」(Ctrl+Enter) を押すと、ここに表示されます。</source>
        <translation>Choose the fiscal year, the period and the report, then press “Build” (Ctrl+Enter): the report is shown here.</translation>
    </message>
    <message>
        <source>報告書</source>
        <translation>Reports</translation>
    </message>
    <message>
        <source>作成しています…</source>
        <translation>Building…</translation>
    </message>
    <message>
        <source>{title} — {pages}ページ</source>
        <translation>{title} — {pages} pages</translation>
    </message>
    <message>
        <source>古くなりました</source>
        <translation>Out of date</translation>
    </message>
    <message>
        <source>再作成</source>
        <translation>build again</translation>
    </message>
    <message>
        <source>選択と異なります</source>
        <translation>Not what is chosen</translation>
    </message>
    <message>
        <source>株主団体がありません: 団体別の帳票は作成できません。</source>
        <translation>There are no shareholder bodies: no statement can be made.</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>CSV (Excel用) (*.csv)</source>
        <translation>CSV (for Excel) (*.csv)</translation>
    </message>
    <message>
        <source>帳票の保存</source>
        <translation>Save the report</translation>
    </message>
    <message>
        <source>保存しました: {path}</source>
        <translation>Saved: {path}</translation>
    </message>
</context>
<context>
    <name>ReturnDialog</name>
    <message>
        <source>週を差し戻す — {name}</source>
        <translation>Return the week — {name}</translation>
    </message>
    <message>
        <source>差し戻す(&amp;R)</source>
        <translation>&amp;Return</translation>
    </message>
    <message>
        <source>直してほしい点を入力してください（必須、{limit}文字まで）</source>
        <translation>Say what is to be corrected (required, at most {limit} characters)</translation>
    </message>
    <message>
        <source>週</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>差戻しの理由(&amp;C)</source>
        <translation>&amp;Comment: why it is returned</translation>
    </message>
</context>
<context>
    <name>ScheduleFilterBar</name>
    <message>
        <source>すべての派遣元</source>
        <translation>All sending bodies</translation>
    </message>
    <message>
        <source>すべての契約</source>
        <translation>All contracts</translation>
    </message>
    <message>
        <source>表示期間の年度の契約</source>
        <translation>Contracts of the shown period's fiscal year</translation>
    </message>
    <message>
        <source>担当者の氏名・よみ・社員番号で検索</source>
        <translation>Search assignees by name, reading or employee number</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count} people</translation>
    </message>
</context>
<context>
    <name>ScheduleLayout</name>
    <message>
        <source>予定: {start} 〜 {end}</source>
        <translation>Planned: {start} – {end}</translation>
    </message>
    <message>
        <source>契約: {contract}（{client}）</source>
        <translation>Contract: {contract} ({client})</translation>
    </message>
    <message>
        <source>優先度: {priority}</source>
        <translation>Priority: {priority}</translation>
    </message>
    <message>
        <source>{name}（{number}）
{body}
予定 {planned} 日 / 稼働可能 {capacity} 日</source>
        <translation>{name} ({number})
{body}
Planned {planned} days / available {capacity} days</translation>
    </message>
    <message>
        <source>過負荷: 予定が稼働可能日数を超えています</source>
        <translation>Overloaded: more planned than the available working days</translation>
    </message>
</context>
<context>
    <name>SchedulePage</name>
    <message>
        <source>予定表</source>
        <translation>Schedule</translation>
    </message>
    <message>
        <source>先頭の {shown} 人を表示しています (全 {total} 人)。絞り込んでください。</source>
        <translation>Showing the first {shown} people (of {total}). Narrow the filters.</translation>
    </message>
</context>
<context>
    <name>ScheduleView</name>
    <message>
        <source>月</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>火</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>水</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>木</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>金</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>土</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Assignee</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>予定/可能</source>
        <translation>Load</translation>
    </message>
</context>
<context>
    <name>SecondmentDialog</name>
    <message>
        <source>職員</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>出向の登録</source>
        <translation>Add secondment</translation>
    </message>
    <message>
        <source>登録</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>終了日なし</source>
        <translation>No end date</translation>
    </message>
    <message>
        <source>給与のうち当社が負担する割合（0〜100 %）</source>
        <translation>The share of the salary the company pays (0 to 100 %)</translation>
    </message>
    <message>
        <source>未定なら空欄</source>
        <translation>Leave empty if not yet known</translation>
    </message>
    <message>
        <source>給与と事業主負担の保険料の月額（円）。精算の基礎になります</source>
        <translation>Monthly pay plus the employer's insurance (yen); the basis of the settlement</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>開始日</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>終了日</source>
        <translation>End</translation>
    </message>
    <message>
        <source>役職</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>会社負担</source>
        <translation>Company pays</translation>
    </message>
    <message>
        <source>月額負担基礎額（円）</source>
        <translation>Monthly cost basis (yen)</translation>
    </message>
    <message>
        <source>出向</source>
        <translation>Secondment</translation>
    </message>
    <message>
        <source>今の期間</source>
        <translation>Current period</translation>
    </message>
    <message>
        <source>出向の延長</source>
        <translation>Extend secondment</translation>
    </message>
    <message>
        <source>延長</source>
        <translation>Extend</translation>
    </message>
    <message>
        <source>新しい終了日</source>
        <translation>New end</translation>
    </message>
    <message>
        <source>出向の終了</source>
        <translation>End secondment</translation>
    </message>
    <message>
        <source>終了する</source>
        <translation>End it</translation>
    </message>
    <message>
        <source>出向の最終日</source>
        <translation>The last day of the secondment</translation>
    </message>
    <message>
        <source>終了日（最終日）</source>
        <translation>End (last day)</translation>
    </message>
</context>
<context>
    <name>SettlementPage</name>
    <message>
        <source>前の月 (PageUp)</source>
        <translation>Previous month (PageUp)</translation>
    </message>
    <message>
        <source>次の月 (PageDown)</source>
        <translation>Next month (PageDown)</translation>
    </message>
    <message>
        <source>今月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>今月に戻ります (Home)</source>
        <translation>Back to this month (Home)</translation>
    </message>
    <message>
        <source>すべての団体</source>
        <translation>All bodies</translation>
    </message>
    <message>
        <source>精算</source>
        <translation>Settlement</translation>
    </message>
    <message>
        <source>月次時間</source>
        <translation>Monthly hours</translation>
    </message>
    <message>
        <source>契約別</source>
        <translation>Per contract</translation>
    </message>
    <message>
        <source>精算・集計</source>
        <translation>Settlement &amp; hours</translation>
    </message>
    <message>
        <source>{year}年{month}月（{fy}）</source>
        <translation>{year}-{month:02} ({fy})</translation>
    </message>
    <message>
        <source>発注者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>契約の発注者（団体）</source>
        <translation>The contract's client (body)</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>出向・派遣の派遣元（団体）</source>
        <translation>The body the secondment is from</translation>
    </message>
</context>
<context>
    <name>SettlementTab</name>
    <message>
        <source>派遣元・氏名</source>
        <translation>Sending body / name</translation>
    </message>
    <message>
        <source>職員番号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>派遣期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>派遣日数</source>
        <translation>Days seconded</translation>
    </message>
    <message>
        <source>勤務日数</source>
        <translation>Days worked</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>うち承認済</source>
        <translation>Approved</translation>
    </message>
    <message>
        <source>月額負担基礎額</source>
        <translation>Monthly cost basis</translation>
    </message>
    <message>
        <source>負担割合</source>
        <translation>Share</translation>
    </message>
    <message>
        <source>当社負担額</source>
        <translation>Company's share</translation>
    </message>
    <message>
        <source>年度累計</source>
        <translation>Year to date</translation>
    </message>
    <message>
        <source>当社負担額 = 月額負担基礎額 × 会社負担割合 × 当月の派遣日数 ÷ 当月の日数（円未満切捨て）。時間は差戻しを除く記録の合計です。</source>
        <translation>Company's share = monthly cost basis × the company's share × days seconded in the month ÷ days in the month (rounded down to the yen). Hours are all entries except returned ones.</translation>
    </message>
    <message>
        <source>派遣負担金精算書</source>
        <translation>Secondment settlement</translation>
    </message>
    <message>
        <source>（終了日なし）</source>
        <translation>(no end date)</translation>
    </message>
    <message>
        <source>基礎額未登録</source>
        <translation>No cost basis</translation>
    </message>
    <message>
        <source>基礎額未登録 {count}件は含みません</source>
        <translation>{count} without a cost basis not included</translation>
    </message>
    <message>
        <source>年度累計に基礎額未登録の月を含みます</source>
        <translation>The year to date includes months without a cost basis</translation>
    </message>
    <message>
        <source>{count}名</source>
        <translation>{count} seconded</translation>
    </message>
    <message>
        <source>合計　{bodies}団体　{people}名　時間 {hours}（うち承認済 {approved}）　当社負担額 {amount}円　{fy}累計 {ytd}円</source>
        <translation>Total: {bodies} bodies, {people} people, {hours} hours ({approved} approved), company's share ¥{amount}, {fy} to date ¥{ytd}</translation>
    </message>
    <message>
        <source>この月に派遣中の職員はいません。</source>
        <translation>Nobody is seconded in this month.</translation>
    </message>
</context>
<context>
    <name>ShareholdersPage</name>
    <message>
        <source>基準日(&amp;D)</source>
        <translation>As of &amp;date</translation>
    </message>
    <message>
        <source>持株の変更を登録…(&amp;R)</source>
        <translation>&amp;Record a change of holding…</translation>
    </message>
    <message>
        <source>持株の変更は管理者と管理職だけが登録できます。</source>
        <translation>Only administrators and managers may record changes of holding.</translation>
    </message>
    <message>
        <source>株主</source>
        <translation>Shareholder</translation>
    </message>
    <message>
        <source>株式数</source>
        <translation>Shares</translation>
    </message>
    <message>
        <source>出資額</source>
        <translation>Paid-in capital</translation>
    </message>
    <message>
        <source>持株比率</source>
        <translation>Ownership</translation>
    </message>
    <message>
        <source>取得日</source>
        <translation>Since</translation>
    </message>
    <message>
        <source>持株の履歴</source>
        <translation>Holding history</translation>
    </message>
    <message>
        <source>効力発生日</source>
        <translation>Effective</translation>
    </message>
    <message>
        <source>増減</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>株主を選ぶと、その持株の履歴を表示します。</source>
        <translation>Select a shareholder to see the history of its holding.</translation>
    </message>
    <message>
        <source>株主名簿</source>
        <translation>Shareholders</translation>
    </message>
    <message>
        <source>合計（{count} 株主）</source>
        <translation>Total ({count} shareholders)</translation>
    </message>
    <message>
        <source>{date} 現在: 株主 {count} 団体、{shares} 株、出資額 {capital}</source>
        <translation>As of {date}: {count} shareholders, {shares} shares, paid-in capital {capital}</translation>
    </message>
    <message>
        <source>持株の履歴: {name}</source>
        <translation>Holding history: {name}</translation>
    </message>
</context>
<context>
    <name>StaffingLabels</name>
    <message>
        <source>県・市町村の職員のまま派遣（元の所属に在籍）</source>
        <translation>Seconded while staying employed by the prefecture or municipality</translation>
    </message>
    <message>
        <source>県・市町村を退職して派遣（元の所属に在籍しない）</source>
        <translation>Seconded after leaving the prefecture or municipality</translation>
    </message>
    <message>
        <source>協力会社からの出向</source>
        <translation>Seconded from a partner firm</translation>
    </message>
    <message>
        <source>期間の定めなし</source>
        <translation>No end date</translation>
    </message>
    <message>
        <source>本日まで</source>
        <translation>Ends today</translation>
    </message>
    <message>
        <source>あと {days} 日</source>
        <translation>{days} days left</translation>
    </message>
    <message>
        <source>出向の登録・変更は{roles}だけが行えます。</source>
        <translation>Secondments are recorded and changed only by: {roles}.</translation>
    </message>
    <message>
        <source>{era}{n}年度（{year}）</source>
        <translation>FY{year}</translation>
    </message>
    <message>
        <source>{era}{n}年度</source>
        <translation>FY{year}</translation>
    </message>
    <message>
        <source>{month}月</source>
        <translation>{month}</translation>
    </message>
</context>
<context>
    <name>StaffingOverviewPage</name>
    <message>
        <source>表示期間の初日</source>
        <translation>First day shown</translation>
    </message>
    <message>
        <source>表示期間の最終日</source>
        <translation>Last day shown</translation>
    </message>
    <message>
        <source>今年度±1年</source>
        <translation>This FY ±1</translation>
    </message>
    <message>
        <source>{label}とその前後の年度を表示します</source>
        <translation>Shows {label} and the fiscal years before and after it</translation>
    </message>
    <message>
        <source>すべての派遣元</source>
        <translation>All sending bodies</translation>
    </message>
    <message>
        <source>この派遣元からの出向だけを表示します</source>
        <translation>Shows only the secondments from this body</translation>
    </message>
    <message>
        <source>表示期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>出向状況</source>
        <translation>Staffing</translation>
    </message>
</context>
<context>
    <name>TeamMonthModel</name>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>日計</source>
        <translation>Day total</translation>
    </message>
    <message>
        <source>未入力 (勤務日)</source>
        <translation>No hours (a working day)</translation>
    </message>
    <message>
        <source>雇用・出向期間外</source>
        <translation>Outside the employment or secondment</translation>
    </message>
</context>
<context>
    <name>TeamMonthPage</name>
    <message>
        <source>前の月 (PageUp)</source>
        <translation>Previous month (PageUp)</translation>
    </message>
    <message>
        <source>今月</source>
        <translation>This month</translation>
    </message>
    <message>
        <source>今日を含む月 (Home)</source>
        <translation>The month of today (Home)</translation>
    </message>
    <message>
        <source>次の月 (PageDown)</source>
        <translation>Next month (PageDown)</translation>
    </message>
    <message>
        <source>土日祝・年末年始</source>
        <translation>Weekends, holidays, year-end closure</translation>
    </message>
    <message>
        <source>未入力の勤務日</source>
        <translation>Working day without hours</translation>
    </message>
    <message>
        <source>雇用・出向期間外</source>
        <translation>Outside the employment or secondment</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count} people</translation>
    </message>
    <message>
        <source>チーム月表</source>
        <translation>Team month</translation>
    </message>
    <message>
        <source>{year}年{month}月</source>
        <translation>{month}/{year}</translation>
    </message>
    <message>
        <source>勤務日 {days} 日・未入力 {gaps} 件</source>
        <translation>{days} working days · {gaps} without hours</translation>
    </message>
</context>
<context>
    <name>Tile</name>
    <message>
        <source>クリック・Enterで一覧を開きます</source>
        <translation>Click or press Enter to open the list</translation>
    </message>
</context>
<context>
    <name>TimelineView</name>
    <message>
        <source>今日</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>派遣元 / 職員</source>
        <translation>Sending body / person</translation>
    </message>
    <message>
        <source>{body}（{count}人）</source>
        <translation>{body} ({count})</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>参照…(&amp;B)</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>種類(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>ファイル(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
</context>
<context>
    <name>UnsubmittedTab</name>
    <message>
        <source>{count} 週</source>
        <translation>{count} weeks</translation>
    </message>
    <message>
        <source> 週</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>先週から何週さかのぼるか</source>
        <translation>How many weeks back from last week</translation>
    </message>
    <message>
        <source>派遣元</source>
        <translation>Sending body</translation>
    </message>
    <message>
        <source>社員番号</source>
        <translation>Employee no.</translation>
    </message>
    <message>
        <source>氏名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>週</source>
        <translation>Week</translation>
    </message>
    <message>
        <source>入力済み</source>
        <translation>Entered</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>未提出の週はありません。</source>
        <translation>No week waiting to be submitted.</translation>
    </message>
    <message>
        <source>期間</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>{first} 〜 {last} の週</source>
        <translation>Weeks from {first} to {last}</translation>
    </message>
    <message>
        <source>差し戻された週: 直して再提出を待っています</source>
        <translation>Returned week: waiting to be corrected and submitted again</translation>
    </message>
</context>
<context>
    <name>UserDialog</name>
    <message>
        <source>ユーザーの編集</source>
        <translation>Edit user</translation>
    </message>
    <message>
        <source>ユーザーの追加</source>
        <translation>Add user</translation>
    </message>
    <message>
        <source>英小文字・数字・. _ - (例: sato.hanako)</source>
        <translation>a-z, 0-9, . _ - (e.g. sato.hanako)</translation>
    </message>
    <message>
        <source>（紐付けなし）</source>
        <translation>(no person)</translation>
    </message>
    <message>
        <source>ログイン名(&amp;L)</source>
        <translation>&amp;Login</translation>
    </message>
    <message>
        <source>表示名(&amp;N)</source>
        <translation>Display &amp;name</translation>
    </message>
    <message>
        <source>役割(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>紐付ける人(&amp;P)</source>
        <translation>&amp;Person</translation>
    </message>
    <message>
        <source>初期パスワード(&amp;W)</source>
        <translation>Initial pass&amp;word</translation>
    </message>
    <message>
        <source>もう一度(&amp;A)</source>
        <translation>&amp;Again</translation>
    </message>
    <message>
        <source>PostgreSQL のログインロールとして作成します。</source>
        <translation>Created as a PostgreSQL login role.</translation>
    </message>
    <message>
        <source>（ユーザー {login}）</source>
        <translation> (user {login})</translation>
    </message>
</context>
<context>
    <name>UserTableModel</name>
    <message>
        <source>ログイン名</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>表示名</source>
        <translation>Display name</translation>
    </message>
    <message>
        <source>役割</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>紐付けた人</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>State</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>無効</source>
        <translation>Deactivated</translation>
    </message>
</context>
<context>
    <name>UsersPage</name>
    <message>
        <source>ログイン名・表示名・人の名前・職員番号で検索</source>
        <translation>Search login, display name, person, employee number</translation>
    </message>
    <message>
        <source>すべての役割</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>すべて</source>
        <translation>All</translation>
    </message>
    <message>
        <source>有効</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>無効</source>
        <translation>Deactivated</translation>
    </message>
    <message>
        <source>追加…(&amp;N)</source>
        <translation>&amp;New…</translation>
    </message>
    <message>
        <source>編集…(&amp;E)</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>パスワードを再設定…(&amp;P)</source>
        <translation>Reset &amp;password…</translation>
    </message>
    <message>
        <source>無効にする(&amp;D)</source>
        <translation>&amp;Deactivate</translation>
    </message>
    <message>
        <source>役割(&amp;R)</source>
        <translation>&amp;Role</translation>
    </message>
    <message>
        <source>状態(&amp;T)</source>
        <translation>S&amp;tate</translation>
    </message>
    <message>
        <source>ユーザー</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>{count} 人</source>
        <translation>{count} users</translation>
    </message>
    <message>
        <source>有効にする(&amp;D)</source>
        <translation>Re&amp;activate</translation>
    </message>
    <message>
        <source>ユーザーを無効にする</source>
        <translation>Deactivate user</translation>
    </message>
    <message>
        <source>ユーザー {login}（{name}）を無効にしますか？
このユーザーはログインも操作もできなくなります。記録はそのまま残ります。</source>
        <translation>Deactivate the user {login} ({name})?
They can no longer log in or do anything. Their records stay.</translation>
    </message>
    <message>
        <source>ユーザーを有効にする</source>
        <translation>Reactivate user</translation>
    </message>
    <message>
        <source>ユーザー {login}（{name}）を有効にしますか？
再びログインできます。</source>
        <translation>Reactivate the user {login} ({name})?
They can log in again.</translation>
    </message>
</context>
<context>
    <name>WeekBanner</name>
    <message>
        <source>この週は差し戻されました。直して、もう一度提出してください。</source>
        <translation>This week was returned. Correct it and submit it again.</translation>
    </message>
    <message>
        <source>差戻しの理由: {comment}</source>
        <translation>Reason for the return: {comment}</translation>
    </message>
    <message>
        <source>この週は提出済みです。承認を待っています。</source>
        <translation>This week is submitted and waits for approval.</translation>
    </message>
    <message>
        <source>直すには、管理職に差し戻してもらってください。</source>
        <translation>To correct it, ask a manager to return it.</translation>
    </message>
    <message>
        <source>この週は承認済みです。</source>
        <translation>This week is approved.</translation>
    </message>
</context>
<context>
    <name>WeekBar</name>
    <message>
        <source>前の週 (PageUp)</source>
        <translation>Previous week (PageUp)</translation>
    </message>
    <message>
        <source>今週</source>
        <translation>This week</translation>
    </message>
    <message>
        <source>今日を含む週 (Home)</source>
        <translation>The week of today (Home)</translation>
    </message>
    <message>
        <source>次の週 (PageDown)</source>
        <translation>Next week (PageDown)</translation>
    </message>
    <message>
        <source>行を追加…</source>
        <translation>Add a row…</translation>
    </message>
    <message>
        <source>担当している作業の行を追加します</source>
        <translation>Adds a row for a work order you are assigned to</translation>
    </message>
    <message>
        <source>先週の行をコピー</source>
        <translation>Copy last week's rows</translation>
    </message>
    <message>
        <source>先週時間を入力した行を、空の行として追加します (時間はコピーしません)</source>
        <translation>Adds the rows last week has hours on, as empty rows (the hours are not copied)</translation>
    </message>
    <message>
        <source>提出…</source>
        <translation>Submit…</translation>
    </message>
    <message>
        <source>この週を提出します。提出後は編集できません</source>
        <translation>Submits this week; it cannot be edited after that</translation>
    </message>
    <message>
        <source>{y1}年{m1}月{d1}日({w1}) 〜 {m2}月{d2}日({w2})</source>
        <translation>{w1} {y1}/{m1}/{d1} – {w2} {m2}/{d2}</translation>
    </message>
</context>
<context>
    <name>WeekContent</name>
    <message>
        <source>週を選ぶと、その内容をここに表示します。</source>
        <translation>Select a week to see its content here.</translation>
    </message>
    <message>
        <source>週の内容</source>
        <translation>The week's content</translation>
    </message>
    <message>
        <source>{count} 週を選択しています (合計 {hours})</source>
        <translation>{count} weeks selected ({hours} in all)</translation>
    </message>
    <message>
        <source>「承認」で選んだ週をまとめて承認します。</source>
        <translation>“Approve” approves the selected weeks at once.</translation>
    </message>
    <message>
        <source>{name}（{number}）  {week}  {status}</source>
        <translation>{name} ({number})  {week}  {status}</translation>
    </message>
    <message>
        <source>差戻しの理由: {comment}</source>
        <translation>Returned because: {comment}</translation>
    </message>
    <message>
        <source>作業・区分</source>
        <translation>Work order / category</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>日計</source>
        <translation>Day total</translation>
    </message>
</context>
<context>
    <name>WeekModel</name>
    <message>
        <source>作業・区分</source>
        <translation>Work order / category</translation>
    </message>
    <message>
        <source>合計</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>日計</source>
        <translation>Day total</translation>
    </message>
    <message>
        <source>備考: {note}</source>
        <translation>Note: {note}</translation>
    </message>
</context>
<context>
    <name>WeekPage</name>
    <message>
        <source>職員</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>職員を選ぶと、その週の時間を入力できます。</source>
        <translation>Choose a person to enter the hours of their week.</translation>
    </message>
    <message>
        <source>数字を入力して Tab・Enter で確定 (7.5・7:30・7h30)。Delete で消去、Ctrl+C / Ctrl+V でコピー・貼り付け、Shift+F2 で備考。入力するとすぐ保存されます。</source>
        <translation>Type the hours and press Tab or Enter (7.5, 7:30, 7h30). Delete clears, Ctrl+C / Ctrl+V copy and paste, Shift+F2 edits the note. What you type is saved at once.</translation>
    </message>
    <message>
        <source>私の週</source>
        <translation>My week</translation>
    </message>
    <message>
        <source>備考は、時間が保存されたセルに付けられます。</source>
        <translation>A note goes on a cell whose hours are saved.</translation>
    </message>
    <message>
        <source>先週の行を {count} 行追加しました。</source>
        <translation>Added {count} of last week's rows.</translation>
    </message>
    <message>
        <source>先週の行はすべて表示されています。</source>
        <translation>Last week's rows are all shown already.</translation>
    </message>
    <message>
        <source>担当でなくなった作業 {count} 件は追加していません。</source>
        <translation>{count} work orders you are no longer assigned to were not added.</translation>
    </message>
    <message>
        <source>週の提出</source>
        <translation>Submit the week</translation>
    </message>
    <message>
        <source>{week} の週 (合計 {total}) を提出しますか？提出後は編集できません。</source>
        <translation>Submit the week {week} (total {total})? It cannot be edited after that.</translation>
    </message>
    <message>
        <source>週を提出しました。</source>
        <translation>The week was submitted.</translation>
    </message>
</context>
<context>
    <name>WeekTable</name>
    <message>
        <source>備考を編集… (Shift+F2)</source>
        <translation>Edit the note… (Shift+F2)</translation>
    </message>
    <message>
        <source>コピー (Ctrl+C)</source>
        <translation>Copy (Ctrl+C)</translation>
    </message>
    <message>
        <source>貼り付け (Ctrl+V)</source>
        <translation>Paste (Ctrl+V)</translation>
    </message>
    <message>
        <source>クリア (Delete)</source>
        <translation>Clear (Delete)</translation>
    </message>
</context>
<context>
    <name>WorkOrderColumns</name>
    <message>
        <source>作業番号</source>
        <translation>Number</translation>
    </message>
    <message>
        <source>件名</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>契約番号</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>作業種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>優先度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>予定開始</source>
        <translation>Planned start</translation>
    </message>
    <message>
        <source>予定終了</source>
        <translation>Planned end</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Assignees</translation>
    </message>
</context>
<context>
    <name>WorkOrderDetailPane</name>
    <message>
        <source>一覧から作業を選んでください。</source>
        <translation>Select a work order in the list.</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>契約</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>作業種別</source>
        <translation>Type</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>優先度</source>
        <translation>Priority</translation>
    </message>
    <message>
        <source>予定</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>実績</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>検収</source>
        <translation>Acceptance</translation>
    </message>
    <message>
        <source>担当者</source>
        <translation>Assignees</translation>
    </message>
    <message>
        <source>所見</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>備考</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>状態の変更</source>
        <translation>Change status</translation>
    </message>
    <message>
        <source>この状態からは変更できません。</source>
        <translation>No further moves from this status.</translation>
    </message>
    <message>
        <source>対象施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>施設コード</source>
        <translation>Asset code</translation>
    </message>
    <message>
        <source>種別</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>処理区</source>
        <translation>District</translation>
    </message>
    <message>
        <source>設置年度</source>
        <translation>Installed</translation>
    </message>
    <message>
        <source>状態の履歴</source>
        <translation>Status history</translation>
    </message>
    <message>
        <source>日時</source>
        <translation>When</translation>
    </message>
    <message>
        <source>実施者</source>
        <translation>By</translation>
    </message>
    <message>
        <source>変更</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>記録・メモ</source>
        <translation>Recorded, note</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count}</translation>
    </message>
    <message>
        <source>対象施設 ({count})</source>
        <translation>Assets ({count})</translation>
    </message>
    <message>
        <source>検収日 {day}</source>
        <translation>Accepted on {day}</translation>
    </message>
    <message>
        <source>　検収番号 {ref}</source>
        <translation>, reference {ref}</translation>
    </message>
    <message>
        <source>実績開始日 {day}</source>
        <translation>Started on {day}</translation>
    </message>
    <message>
        <source>実績終了日 {day}</source>
        <translation>Ended on {day}</translation>
    </message>
    <message>
        <source>{to}で作成</source>
        <translation>Created as {to}</translation>
    </message>
</context>
<context>
    <name>WorkOrderDialog</name>
    <message>
        <source>作業指示の編集</source>
        <translation>Edit work order</translation>
    </message>
    <message>
        <source>作業指示の登録</source>
        <translation>New work order</translation>
    </message>
    <message>
        <source>空欄なら保存時に自動で採番 (WO-年度-連番)</source>
        <translation>Empty: numbered when saved (WO-year-serial)</translation>
    </message>
    <message>
        <source>空欄なら今の番号のまま</source>
        <translation>Empty: keeps its number</translation>
    </message>
    <message>
        <source>設計照査・積算・工事監督で縮減した額</source>
        <translation>Reduction found by a design check, estimate or supervision</translation>
    </message>
    <message>
        <source>提出された設計・積算に対して当社の照査で縮減した額（円）。空欄なら記録なし</source>
        <translation>The yen by which the company's check reduced the design or estimate submitted to it. Empty: none recorded</translation>
    </message>
    <message>
        <source>予定あり</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>作業番号(&amp;U)</source>
        <translation>N&amp;umber</translation>
    </message>
    <message>
        <source>契約(&amp;C)</source>
        <translation>&amp;Contract</translation>
    </message>
    <message>
        <source>作業種別(&amp;K)</source>
        <translation>&amp;Kind of work</translation>
    </message>
    <message>
        <source>件名(&amp;T)</source>
        <translation>&amp;Title</translation>
    </message>
    <message>
        <source>優先度(&amp;P)</source>
        <translation>&amp;Priority</translation>
    </message>
    <message>
        <source>内容(&amp;D)</source>
        <translation>&amp;Description</translation>
    </message>
    <message>
        <source>コスト縮減額（円）(&amp;R)</source>
        <translation>Cost &amp;reduction (yen)</translation>
    </message>
    <message>
        <source>予定開始日(&amp;B)</source>
        <translation>Planned &amp;begin</translation>
    </message>
    <message>
        <source>予定終了日(&amp;E)</source>
        <translation>Planned &amp;end</translation>
    </message>
    <message>
        <source>対象施設(&amp;A)</source>
        <translation>&amp;Assets</translation>
    </message>
    <message>
        <source>担当者(&amp;W)</source>
        <translation>Assigned &amp;workers</translation>
    </message>
    <message>
        <source>{n:,} 件</source>
        <translation>{n:,} assets</translation>
    </message>
</context>
<context>
    <name>WorkOrderFilterBar</name>
    <message>
        <source>すべての委託者</source>
        <translation>All clients</translation>
    </message>
    <message>
        <source>すべての作業種別</source>
        <translation>All work types</translation>
    </message>
    <message>
        <source>すべての状態</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>注意: すべて</source>
        <translation>Attention: all</translation>
    </message>
    <message>
        <source>期限超過</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>緊急度I 未対応</source>
        <translation>Urgency I not acted on</translation>
    </message>
    <message>
        <source>完了予定日を過ぎた未完了の作業</source>
        <translation>Open orders past their planned end</translation>
    </message>
    <message>
        <source>緊急度Iの所見があり、その施設の後続の作業がまだない作業</source>
        <translation>Orders with an urgency I finding whose asset has no follow-up order yet</translation>
    </message>
    <message>
        <source>作業番号・件名・委託者・担当者で検索</source>
        <translation>Search number, title, client, assignee</translation>
    </message>
    <message>
        <source>委託者</source>
        <translation>Client</translation>
    </message>
    <message>
        <source>新規作業…</source>
        <translation>New order…</translation>
    </message>
    <message>
        <source>作業指示を登録します (Ctrl+N)</source>
        <translation>Creates a work order (Ctrl+N)</translation>
    </message>
    <message>
        <source>編集…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>選んだ作業指示を編集します (Enter・ダブルクリック)</source>
        <translation>Edits the selected work order (Enter, double click)</translation>
    </message>
    <message>
        <source>複製</source>
        <translation>Duplicate</translation>
    </message>
    <message>
        <source>選んだ作業指示を新しい起票として複製します (Ctrl+D)</source>
        <translation>Copies the selected work order as a new draft (Ctrl+D)</translation>
    </message>
    <message>
        <source>作業指示書…</source>
        <translation>Work-order sheet…</translation>
    </message>
    <message>
        <source>選んだ作業指示の作業指示書を表示し、印刷・保存します (Ctrl+P)</source>
        <translation>Show, print or save the selected order's work-order sheet (Ctrl+P)</translation>
    </message>
    <message>
        <source>{name} (無効)</source>
        <translation>{name} (inactive)</translation>
    </message>
    <message>
        <source>{count} 件</source>
        <translation>{count} work orders</translation>
    </message>
    <message>
        <source>状態: すべて</source>
        <translation>Status: all</translation>
    </message>
    <message>
        <source>状態: {names}</source>
        <translation>Status: {names}</translation>
    </message>
</context>
<context>
    <name>WorkOrderSheetCommand</name>
    <message>
        <source>作業指示書 {number} を作成しています…</source>
        <translation>Making the work-order sheet {number}…</translation>
    </message>
    <message>
        <source>作業指示書</source>
        <translation>Work-order sheet</translation>
    </message>
    <message>
        <source>作業指示書 {number}</source>
        <translation>Work-order sheet {number}</translation>
    </message>
</context>
<context>
    <name>WorkOrdersPage</name>
    <message>
        <source>作業指示</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>所見の削除</source>
        <translation>Remove finding</translation>
    </message>
    <message>
        <source>施設 {asset} の所見「{category}」を削除しますか？</source>
        <translation>Remove the finding '{category}' on asset {asset}?</translation>
    </message>
</context>
<context>
    <name>WorkTypeCatalogueDialog</name>
    <message>
        <source>作業種別</source>
        <translation>Work types</translation>
    </message>
    <message>
        <source>コード</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>名称</source>
        <translation>Japanese name</translation>
    </message>
    <message>
        <source>英語名</source>
        <translation>English name</translation>
    </message>
    <message>
        <source>区分</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>対象施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>表示順</source>
        <translation>Order</translation>
    </message>
    <message>
        <source>状態</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>追加(&amp;A)…</source>
        <translation>&amp;Add…</translation>
    </message>
    <message>
        <source>編集(&amp;E)…</source>
        <translation>&amp;Edit…</translation>
    </message>
    <message>
        <source>無効にする(&amp;D)…</source>
        <translation>&amp;Deactivate…</translation>
    </message>
    <message>
        <source>閉じる</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>使用中</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>無効</source>
        <translation>Inactive</translation>
    </message>
    <message>
        <source>有効にする(&amp;D)</source>
        <translation>Re&amp;activate</translation>
    </message>
    <message>
        <source>作業種別を無効にする</source>
        <translation>Deactivate work type</translation>
    </message>
    <message>
        <source>作業種別 {code}「{name}」を無効にしますか？
この種別の作業はそのまま残りますが、新しい作業には選べなくなります。</source>
        <translation>Deactivate work type {code} “{name}”?
Its work orders keep it, but it can no longer be chosen for new ones.</translation>
    </message>
</context>
<context>
    <name>WorkTypeDialog</name>
    <message>
        <source>作業種別の編集</source>
        <translation>Edit work type</translation>
    </message>
    <message>
        <source>作業種別の追加</source>
        <translation>Add work type</translation>
    </message>
    <message>
        <source>例: pump_check</source>
        <translation>e.g. pump_check</translation>
    </message>
    <message>
        <source>作業に対象施設の指定が必要</source>
        <translation>Work orders must name their assets</translation>
    </message>
    <message>
        <source>コード(&amp;C)</source>
        <translation>&amp;Code</translation>
    </message>
    <message>
        <source>名称(&amp;N)</source>
        <translation>Japanese &amp;name</translation>
    </message>
    <message>
        <source>英語名(&amp;E)</source>
        <translation>&amp;English name</translation>
    </message>
    <message>
        <source>区分(&amp;K)</source>
        <translation>&amp;Kind</translation>
    </message>
    <message>
        <source>対象施設(&amp;A)</source>
        <translation>&amp;Assets</translation>
    </message>
    <message>
        <source>表示順(&amp;O)</source>
        <translation>Sort &amp;order</translation>
    </message>
    <message>
        <source>必要</source>
        <translation>Required</translation>
    </message>
    <message>
        <source>不要</source>
        <translation>Not required</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>データベースを更新しています</source>
        <translation>Upgrading the database</translation>
    </message>
    <message>
        <source>データベースを開いています…</source>
        <translation>Opening the database…</translation>
    </message>
</context>
<context>
    <name>days</name>
    <message>
        <source>月</source>
        <translation>Mon</translation>
    </message>
    <message>
        <source>火</source>
        <translation>Tue</translation>
    </message>
    <message>
        <source>水</source>
        <translation>Wed</translation>
    </message>
    <message>
        <source>木</source>
        <translation>Thu</translation>
    </message>
    <message>
        <source>金</source>
        <translation>Fri</translation>
    </message>
    <message>
        <source>土</source>
        <translation>Sat</translation>
    </message>
    <message>
        <source>日</source>
        <translation>Sun</translation>
    </message>
</context>
<context>
    <name>errors</name>
    <message>
        <source>他の人が変更しました</source>
        <translation>Changed by someone else</translation>
    </message>
    <message>
        <source>権限がありません</source>
        <translation>Not permitted</translation>
    </message>
    <message>
        <source>できませんでした</source>
        <translation>Not possible</translation>
    </message>
    <message>
        <source>予期しないエラー</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <source>予期しないエラーが発生しました。</source>
        <translation>An unexpected error occurred.</translation>
    </message>
</context>
<context>
    <name>first_start</name>
    <message>
        <source>デモデータ</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>デモデータを読み込んでいます…</source>
        <translation>Loading the demo data…</translation>
    </message>
</context>
<context>
    <name>labels</name>
    <message>
        <source>起票に戻す</source>
        <translation>Back to draft</translation>
    </message>
    <message>
        <source>計画にする</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>着手する</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>完了にする</source>
        <translation>Complete</translation>
    </message>
    <message>
        <source>検収済にする</source>
        <translation>Mark accepted</translation>
    </message>
    <message>
        <source>中止する…</source>
        <translation>Cancel…</translation>
    </message>
    <message>
        <source>高</source>
        <translation>high</translation>
    </message>
    <message>
        <source>中</source>
        <translation>medium</translation>
    </message>
    <message>
        <source>低</source>
        <translation>low</translation>
    </message>
    <message>
        <source>組織・株主</source>
        <translation>Organizations and shareholders</translation>
    </message>
    <message>
        <source>職員・出向</source>
        <translation>Staff and secondments</translation>
    </message>
    <message>
        <source>施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>契約</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <source>作業指示</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>検索索引</source>
        <translation>Search index</translation>
    </message>
    <message>
        <source>工数 (職員)</source>
        <translation>Hours (staff)</translation>
    </message>
    <message>
        <source>仕上げ</source>
        <translation>Finishing</translation>
    </message>
</context>
<context>
    <name>language</name>
    <message>
        <source>ja</source>
        <translation>en</translation>
    </message>
</context>
<context>
    <name>organization_labels</name>
    <message>
        <source>{kind}（架空）</source>
        <translation>{kind} (fictional)</translation>
    </message>
    <message>
        <source>{amount}円</source>
        <translation>¥{amount}</translation>
    </message>
</context>
<context>
    <name>transfer</name>
    <message>
        <source>団体</source>
        <translation>Organizations</translation>
    </message>
    <message>
        <source>株主</source>
        <translation>Shareholdings</translation>
    </message>
    <message>
        <source>職員</source>
        <translation>People</translation>
    </message>
    <message>
        <source>出向</source>
        <translation>Secondments</translation>
    </message>
    <message>
        <source>施設</source>
        <translation>Assets</translation>
    </message>
    <message>
        <source>契約</source>
        <translation>Contracts</translation>
    </message>
    <message>
        <source>作業指示</source>
        <translation>Work orders</translation>
    </message>
    <message>
        <source>所見</source>
        <translation>Findings</translation>
    </message>
    <message>
        <source>作業時間</source>
        <translation>Time entries</translation>
    </message>
    <message>
        <source>列: {columns}　* は必須</source>
        <translation>Columns: {columns}  (* required)</translation>
    </message>
</context>
<context>
    <name>transitions</name>
    <message>
        <source>作業の中止</source>
        <translation>Cancel work order</translation>
    </message>
    <message>
        <source>作業 {number}「{title}」を中止しますか？
中止した作業は元に戻せません。</source>
        <translation>Cancel work order {number} “{title}”?
A cancelled work order cannot be reopened.</translation>
    </message>
</context>
</TS>