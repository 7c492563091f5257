<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="ja">
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
        <source>空のデータベースで始める</source>
        <translation>Start with an empty database</translation>
    </message>
    <message>
        <source>このインストールにはデモデータが含まれていません。</source>
        <translation>This installation does not include the demo data.</translation>
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
        <source>メモ</source>
        <translation>Note</translation>
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
        <source>{to}で作成</source>
        <translation>Created as {to}</translation>
    </message>
</context>
<context>
    <name>WorkOrderFilterBar</name>
    <message>
        <source>すべての委託者</source>
        <translation>All clients</translation>
    </message>
    <message>
        <source>すべての状態</source>
        <translation>All statuses</translation>
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
        <source>{count} 件</source>
        <translation>{count} work orders</translation>
    </message>
    <message>
        <source>検索中…</source>
        <translation>Searching…</translation>
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
    <name>WorkOrdersPage</name>
    <message>
        <source>作業指示</source>
        <translation>Work orders</translation>
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
        <source>点検</source>
        <translation>Inspection</translation>
    </message>
    <message>
        <source>TVカメラ調査</source>
        <translation>TV camera survey</translation>
    </message>
    <message>
        <source>清掃</source>
        <translation>Cleaning</translation>
    </message>
    <message>
        <source>修繕</source>
        <translation>Repair</translation>
    </message>
    <message>
        <source>緊急対応</source>
        <translation>Emergency</translation>
    </message>
    <message>
        <source>起票</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>計画</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>着手</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>完了</source>
        <translation>Completed</translation>
    </message>
    <message>
        <source>検収済</source>
        <translation>Accepted</translation>
    </message>
    <message>
        <source>中止</source>
        <translation>Cancelled</translation>
    </message>
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
        <source>管路</source>
        <translation>Pipe</translation>
    </message>
    <message>
        <source>マンホール</source>
        <translation>Manhole</translation>
    </message>
    <message>
        <source>マンホールポンプ</source>
        <translation>Manhole pump</translation>
    </message>
    <message>
        <source>ポンプ場</source>
        <translation>Pump station</translation>
    </message>
    <message>
        <source>処理場</source>
        <translation>Treatment plant</translation>
    </message>
    <message>
        <source>農業集落排水施設</source>
        <translation>Rural drainage plant</translation>
    </message>
    <message>
        <source>し尿処理施設</source>
        <translation>Night-soil plant</translation>
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
        <source>管理者</source>
        <translation>administrator</translation>
    </message>
    <message>
        <source>管理職</source>
        <translation>manager</translation>
    </message>
    <message>
        <source>業務担当</source>
        <translation>coordinator</translation>
    </message>
    <message>
        <source>出向職員</source>
        <translation>seconded staff</translation>
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
