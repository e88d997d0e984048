#!/usr/bin/env python3
"""Writes data/: the bundled sample site, a fictional ~300-bed hospital.

医療法人さくら会 さくら総合病院 (徳島県, fictional). Every person, vendor,
phone number and e-mail address is invented (example.jp / example.com,
0120-000-xxx and 0x-0000-xxxx numbers that no carrier assigns), except the
public contacts of the manual's appendix 3 (付録３「外部連絡先一覧」), which
are copied as the manual prints them. Addresses are text only.

The files deliberately differ the way real ones do, so the loader's real
paths are exercised:
  devices.csv      CP932 (Japanese Excel), Japanese headers, CRLF, MACs in
                   four spellings, ①/㈱/髙, a quoted cell with a comma and a
                   line break
  segments.csv     UTF-8 without BOM, Japanese headers
  systems.csv      UTF-8 with BOM, Japanese headers
  lines.csv        UTF-8 without BOM, Japanese headers and kinds
  maintenance.csv  UTF-8 with BOM, Japanese headers
  cloud.csv        UTF-8 with BOM, Japanese headers
  flows.csv        UTF-8 with BOM, Japanese headers
  contacts.csv     UTF-8 with BOM, Japanese headers
  scans/*.json     two quarterly scan snapshots (koseizu-snapshot v1, in
                   serde_json's pretty layout) with planted findings for
                   audit, diff, map and impact; see the scans/ section below

Deterministic: run it again and the bytes are the same.
    python3 scripts/make_sample.py            # writes data/ beside scripts/
    python3 scripts/make_sample.py OUT        # writes OUT instead
tests/sample_data.rs runs it into a temporary folder and checks that data/
holds exactly its output (data/README.md aside): this script is the one
source of the sample, data/ is never edited by hand.
"""

import csv
import io
import json
import os
import random
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "data")
RNG = random.Random(20261101)

# --------------------------------------------------------------------------
# MAC addresses: real IEEE OUIs of the makers, random low bytes, four spellings.

OUI = {
    "Cisco": "001B54",
    "アライドテレシス": "001AEB",
    "Fortinet": "7478A6",
    "ヤマハ": "AC44F2",
    "NEC": "001697",
    "NECプラットフォームズ": "6CE4DA",
    "Dell": "001422",
    "HPE": "3CD92B",
    "富士通": "000B5D",
    "バッファロー": "001D73",
    "バッファローAP": "B0C745",
    "NECパーソナル": "F46E24",
    "DellPC": "001EC9",
    "Lenovo": "10C595",
    "Dynabook": "74E665",
    "リコー": "002673",
    "キヤノン": "001E8F",
    "ブラザー": "008077",
    "シャープ": "8C5219",
    "エプソン": "0026AB",
    "コニカミノルタ": "0050AA",
    "Zebra": "9075DE",
    "サトー": "001998",
    "キヤノンメディカル": "001C7E",
    "フィリップス": "7C94B2",
    "GEヘルスケア": "444B5D",
    "シーメンス": "001865",
    "富士フイルム": "88B436",
    "オリンパス": "000113",
    "シスメックス": "00066B",
    "島津製作所": "00E096",
    "テルモ": "60F673",
    "日本光電": "00A09A",
    "フクダ電子": "0040D1",
    "日機装": "CC7B61",
    "Axis": "B8A44F",
    "i-PRO": "D42DC5",
    "サクサ": "0020C1",
    "パナソニック": "B8208E",
    "NEC電話": "081086",
    "Realtek": "00E04C",
}

# Maker names as staff write them, where the OUI key above is not already that.
MAKER_NAME = {"DellPC": "Dell", "バッファローAP": "バッファロー", "NEC電話": "NEC",
              "NECパーソナル": "NEC", "NECプラットフォームズ": "NEC", "Realtek": ""}

_used_macs = set()
_spelling = 0


def mac(maker):
    """A fresh MAC under the maker's OUI, spelled one of four ways in turn."""
    global _spelling
    while True:
        low = "%06X" % RNG.randrange(0x1000000)
        hexs = OUI[maker] + low
        if hexs not in _used_macs:
            _used_macs.add(hexs)
            break
    pairs = [hexs[i:i + 2] for i in range(0, 12, 2)]
    _spelling += 1
    style = _spelling % 4
    if style == 0:
        return ":".join(pairs)  # 00:1B:54:..  (as on the label)
    if style == 1:
        return "-".join(p.lower() for p in pairs)  # 00-1b-54-.. (Windows ipconfig)
    if style == 2:
        h = hexs.lower()
        return "%s.%s.%s" % (h[0:4], h[4:8], h[8:12])  # 001b.54..  (Cisco switch)
    return hexs  # bare 001B54...


# --------------------------------------------------------------------------
# devices.csv

devices = []  # dicts with English keys; written with Japanese headers
counters = {}


def dev(prefix, name, kind, maker, ip, seg, system="", dept="", vendor=None,
        loc="", notes="", no_mac=False):
    counters[prefix] = counters.get(prefix, 0) + 1
    devices.append({
        "maker": maker,  # the OUI key, for the scans; not a CSV column
        "id": "%s-%03d" % (prefix, counters[prefix]),
        "name": name,
        "kind": kind,
        "mac": "" if no_mac or maker is None else mac(maker),
        "ip": ip or "",
        "segment": seg,
        "system": system,
        "department": dept,
        "vendor": vendor if vendor is not None else MAKER_NAME.get(maker, maker or ""),
        "location": loc,
        "notes": notes,
    })
    return devices[-1]["id"]


JOHO = "情報システム室"
SRV_ROOM = "本館B1F サーバ室"

# Network: core, firewall, perimeter routers and VPN appliances.
CORE1 = dev("NW", "コアスイッチ1号機 (Catalyst 9500)", "L3SW", "Cisco", "10.10.0.2",
            "SEG-CORE", "SYS-INFRA", JOHO, loc=SRV_ROOM,
            notes="各セグメントのデフォルトゲートウェイ (HSRP 仮想IP 各.1)")
CORE2 = dev("NW", "コアスイッチ2号機 (Catalyst 9500)", "L3SW", "Cisco", "10.10.0.3",
            "SEG-CORE", "SYS-INFRA", JOHO, loc=SRV_ROOM, notes="冗長構成の待機側")
FW = dev("NW", "UTM (FortiGate 200F)", "UTM", "Fortinet", "172.16.10.1", "SEG-DMZ",
         "SYS-INFRA", JOHO, loc=SRV_ROOM, notes="主回線の終端。院内各セグメント間の通信も制御")
RT_KDDI = dev("NW", "保守・バックアップ回線ルータ (RTX1300)", "ルータ", "ヤマハ",
              "172.16.10.2", "SEG-DMZ", "SYS-INFRA", JOHO, loc=SRV_ROOM)
VPN_SSL = dev("NW", "リモート保守用SSL-VPN装置 (FortiGate 60F)", "VPN装置", "Fortinet",
              "172.16.10.5", "SEG-DMZ", "SYS-INFRA", JOHO, loc=SRV_ROOM,
              notes="電子カルテ・医事会計・検査の保守事業者が利用。アカウントは事業者ごと")
RT_RENKEI = dev("NW", "地域医療連携ルータ (UNIVERGE IX2215)", "ルータ", "NEC",
                "172.16.10.6", "SEG-DMZ", "SYS-RENKEI", "地域医療連携室", loc=SRV_ROOM)
RT_LTE = dev("NW", "災害時バックアップ LTEルータ", "ルータ", "NECプラットフォームズ",
             "172.16.10.7", "SEG-DMZ", "SYS-INFRA", JOHO, loc=SRV_ROOM,
             notes="通常は停止。BCP訓練時のみ起動")
RT_ONS = dev("NW", "オンライン資格確認用ルータ", "ルータ", "ヤマハ", "10.20.10.1",
             "SEG-ONS", "SYS-ONS", "医事課", vendor="㈱ひまわりビジネスソリューションズ",
             loc="本館1F 医事課")
VPN_PACS = dev("NW", "PACS保守用VPNルータ (事業者所有)", "VPN装置", "ヤマハ",
               "10.10.20.250", "SEG-DEPT", "SYS-PACS", "放射線科",
               vendor="東和メディカルイメージング㈱", loc="東館B1F 放射線部 機械室",
               notes="事業者が自社で契約した回線に接続。院内ネットワーク側は部門系")
VPN_DIAL = dev("NW", "透析装置保守用モバイルルータ (事業者所有)", "VPN装置",
               "NECプラットフォームズ", "192.168.50.250", "SEG-MED", "SYS-DIAL",
               "臨床工学科", vendor="ダイアケア㈱", loc="西館1F 透析センター",
               notes="LTE回線・IPsec。申請時のみ電源を入れる運用")

# Floor and segment switches.
for seg, name, ip, loc in [
    ("SEG-EHR", "フロアスイッチ 本館1F", "10.10.8.2", "本館1F EPS"),
    ("SEG-EHR", "フロアスイッチ 本館2F", "10.10.8.3", "本館2F EPS"),
    ("SEG-EHR", "フロアスイッチ 本館3F", "10.10.8.4", "本館3F EPS"),
    ("SEG-EHR", "フロアスイッチ 本館4F", "10.10.8.5", "本館4F EPS"),
    ("SEG-EHR", "フロアスイッチ 本館5F", "10.10.8.6", "本館5F EPS"),
    ("SEG-EHR", "フロアスイッチ 髙木記念館", "10.10.8.7", "髙木記念館1F EPS"),
    ("SEG-DEPT", "部門系スイッチ 東館B1F", "10.10.20.2", "東館B1F 放射線部 機械室"),
    ("SEG-DEPT", "部門系スイッチ 東館2F", "10.10.20.3", "東館2F 検査部"),
    ("SEG-MED", "医療機器系スイッチ", "192.168.50.2", "西館1F 透析センター"),
    ("SEG-OFFICE", "事務系スイッチ", "10.20.0.2", "本館2F EPS"),
    ("SEG-MGMT", "管理系スイッチ", "10.10.254.2", SRV_ROOM),
    ("SEG-GUEST", "ゲスト無線スイッチ", "192.168.100.2", SRV_ROOM),
    ("SEG-FAC", "設備系スイッチ", "10.30.0.2", "本館B1F 防災センター"),
]:
    # No system: a floor switch serves every system, and the ledger says so by
    # leaving the column empty (as most real ledgers do).
    dev("NW", name, "スイッチ", "アライドテレシス", ip, seg, "", JOHO, loc=loc)

# Servers, each named for what it does.
for name, kind, maker, ip, seg, system, dept, vendor, notes in [
    ("電子カルテサーバ (本番)", "サーバ", "HPE", "10.10.0.11", "SEG-CORE", "SYS-EHR",
     "医療情報管理室", "㈱ミライ医療システム", "更新予定: 2027年3月,\n保守契約は年度更新 (5年目)"),
    ("電子カルテサーバ (待機)", "サーバ", "HPE", "10.10.0.12", "SEG-CORE", "SYS-EHR",
     "医療情報管理室", "㈱ミライ医療システム", ""),
    ("電子カルテDBサーバ", "サーバ", "HPE", "10.10.0.13", "SEG-CORE", "SYS-EHR",
     "医療情報管理室", "㈱ミライ医療システム", ""),
    ("オーダリング連携サーバ", "サーバ", "HPE", "10.10.0.14", "SEG-CORE", "SYS-EHR",
     "医療情報管理室", "㈱ミライ医療システム", "部門システムとのHL7連携"),
    ("ADサーバ1 (DNS/DHCP)", "サーバ", "Dell", "10.10.0.21", "SEG-CORE", "SYS-INFRA",
     JOHO, "阿波ネットワークサービス㈱", ""),
    ("ADサーバ2 (DNS)", "サーバ", "Dell", "10.10.0.22", "SEG-CORE", "SYS-INFRA", JOHO,
     "阿波ネットワークサービス㈱", ""),
    ("ファイルサーバ", "サーバ", "Dell", "10.10.0.23", "SEG-CORE", "SYS-INFRA", JOHO,
     "阿波ネットワークサービス㈱", ""),
    ("ウイルス対策管理サーバ", "サーバ", "Dell", "10.10.0.24", "SEG-CORE", "SYS-INFRA",
     JOHO, "阿波ネットワークサービス㈱", "パターン更新はプロキシ経由"),
    ("WSUSサーバ", "サーバ", "Dell", "10.10.0.25", "SEG-CORE", "SYS-INFRA", JOHO,
     "阿波ネットワークサービス㈱", ""),
    ("バックアップストレージ (電子カルテ)", "ストレージ", "バッファロー", "10.10.0.31",
     "SEG-CORE", "SYS-EHR", "医療情報管理室", "バッファロー", "世代管理7日・オフライン媒体へ週1回"),
    ("医事会計サーバ", "サーバ", "富士通", "10.10.0.41", "SEG-CORE", "SYS-IJI", "医事課",
     "㈱ひまわりビジネスソリューションズ", ""),
    ("薬剤部門サーバ", "サーバ", "富士通", "10.10.0.42", "SEG-CORE", "SYS-PHARM", "薬剤部",
     "四国ファーマシステム㈱", ""),
    ("給食管理サーバ", "サーバ", "富士通", "10.10.0.43", "SEG-CORE", "SYS-MEAL", "栄養管理科",
     "フードケアシステム㈱", ""),
    ("看護支援サーバ", "サーバ", "HPE", "10.10.0.44", "SEG-CORE", "SYS-EHR", "看護部",
     "㈱ミライ医療システム", ""),
    ("PACSサーバ", "サーバ", "Dell", "10.10.20.11", "SEG-DEPT", "SYS-PACS", "放射線科",
     "東和メディカルイメージング㈱", ""),
    ("PACS画像ストレージ", "ストレージ", "Dell", "10.10.20.12", "SEG-DEPT", "SYS-PACS",
     "放射線科", "東和メディカルイメージング㈱", "約60TB"),
    ("放射線RISサーバ", "サーバ", "Dell", "10.10.20.13", "SEG-DEPT", "SYS-RIS", "放射線科",
     "東和メディカルイメージング㈱", ""),
    ("検査システムサーバ", "サーバ", "富士通", "10.10.20.21", "SEG-DEPT", "SYS-LAB",
     "臨床検査科", "四国ラボシステム㈱", ""),
    ("細菌検査サーバ", "サーバ", "富士通", "10.10.20.22", "SEG-DEPT", "SYS-LAB",
     "臨床検査科", "四国ラボシステム㈱", ""),
    ("内視鏡画像サーバ", "サーバ", "富士通", "10.10.20.31", "SEG-DEPT", "SYS-ENDO",
     "内視鏡センター", "オリンパス", ""),
    ("生理検査サーバ", "サーバ", "富士通", "10.10.20.32", "SEG-DEPT", "SYS-LAB",
     "臨床検査科", "フクダ電子", "心電図・超音波レポート"),
    ("透析管理サーバ", "サーバ", "富士通", "192.168.50.11", "SEG-MED", "SYS-DIAL",
     "臨床工学科", "ダイアケア㈱", ""),
    ("セントラルモニタサーバ", "サーバ", "日本光電", "192.168.50.12", "SEG-MED",
     "SYS-MONITOR", "臨床工学科", "日本光電", ""),
    ("プロキシサーバ", "サーバ", "Dell", "172.16.10.11", "SEG-DMZ", "SYS-INFRA", JOHO,
     "阿波ネットワークサービス㈱", "インターネット閲覧は全てここを経由"),
    ("メール中継サーバ", "サーバ", "Dell", "172.16.10.12", "SEG-DMZ", "SYS-OA", JOHO,
     "阿波ネットワークサービス㈱", "Microsoft 365 へ中継"),
    ("地域連携ゲートウェイサーバ", "サーバ", "Dell", "172.16.10.13", "SEG-DMZ", "SYS-RENKEI",
     "地域医療連携室", "㈱ミライ医療システム", "診療情報提供書・画像の公開"),
    ("ログ管理サーバ", "サーバ", "Dell", "10.10.254.11", "SEG-MGMT", "SYS-INFRA", JOHO,
     "阿波ネットワークサービス㈱", "UTM・AD・VPNのログを1年保存"),
    ("ネットワーク監視サーバ", "サーバ", "Dell", "10.10.254.12", "SEG-MGMT", "SYS-INFRA",
     JOHO, "阿波ネットワークサービス㈱", ""),
    ("録画サーバ (監視カメラ)", "サーバ", "i-PRO", "10.30.0.11", "SEG-FAC", "SYS-FAC",
     "施設課", "i-PRO", ""),
    ("IP-PBX", "電話", "サクサ", "10.30.0.12", "SEG-FAC", "SYS-FAC", "施設課", "サクサ", ""),
]:
    dev("SV", name, kind, maker, ip, seg, system, dept, vendor, SRV_ROOM
        if seg in ("SEG-CORE", "SEG-DMZ", "SEG-MGMT") else "", notes)

# Medical devices on the departmental network (modalities, analysers).
for name, maker, ip, system, loc in [
    ("CT装置 (Aquilion)", "キヤノンメディカル", "10.10.21.11", "SYS-PACS", "東館B1F CT室"),
    ("MRI装置 (MAGNETOM 1.5T)", "シーメンス", "10.10.21.12", "SYS-PACS", "東館B1F MRI室"),
    ("一般撮影装置 (FPD) 1", "富士フイルム", "10.10.21.13", "SYS-PACS", "東館B1F 撮影室①"),
    ("一般撮影装置 (FPD) 2", "富士フイルム", "10.10.21.14", "SYS-PACS", "東館B1F 撮影室②"),
    ("X線透視装置", "島津製作所", "10.10.21.15", "SYS-PACS", "東館B1F 透視室"),
    ("マンモグラフィ", "富士フイルム", "10.10.21.16", "SYS-PACS", "東館B1F 乳腺撮影室"),
    ("骨密度測定装置", "GEヘルスケア", "10.10.21.17", "SYS-PACS", "東館B1F 撮影室②"),
    ("回診用X線撮影装置", "島津製作所", "10.10.21.18", "SYS-PACS", "本館2F ICU"),
    ("血管撮影装置", "フィリップス", "10.10.21.19", "SYS-PACS", "本館2F 手術室①"),
    ("超音波診断装置 1", "GEヘルスケア", "10.10.21.21", "SYS-LAB", "東館2F 生理検査室"),
    ("超音波診断装置 2", "キヤノンメディカル", "10.10.21.22", "SYS-LAB", "東館2F 生理検査室"),
    ("超音波診断装置 3 (心エコー)", "フィリップス", "10.10.21.23", "SYS-LAB", "東館2F 生理検査室"),
    ("心電計 1", "フクダ電子", "10.10.21.24", "SYS-LAB", "東館2F 生理検査室"),
    ("心電計 2", "フクダ電子", "10.10.21.25", "SYS-LAB", "本館1F 救急外来"),
    ("内視鏡システム 1", "オリンパス", "10.10.21.31", "SYS-ENDO", "東館1F 内視鏡センター"),
    ("内視鏡システム 2", "オリンパス", "10.10.21.32", "SYS-ENDO", "東館1F 内視鏡センター"),
    ("生化学自動分析装置", "シーメンス", "10.10.21.41", "SYS-LAB", "東館2F 検体検査室"),
    ("多項目自動血球分析装置", "シスメックス", "10.10.21.42", "SYS-LAB", "東館2F 検体検査室"),
    ("血液凝固分析装置", "シスメックス", "10.10.21.43", "SYS-LAB", "東館2F 検体検査室"),
    ("尿分析装置", "シスメックス", "10.10.21.44", "SYS-LAB", "東館2F 検体検査室"),
    ("CR読取装置", "コニカミノルタ", "10.10.21.45", "SYS-PACS", "本館1F 救急外来"),
]:
    dev("ME", name, "医療機器", maker, ip, "SEG-DEPT", system, "放射線科"
        if system == "SYS-PACS" else ("内視鏡センター" if system == "SYS-ENDO" else "臨床検査科"),
        loc=loc)

# Medical devices on the segregated medical network.
for i in range(1, 3):
    dev("ME", "セントラルモニタ %d" % i, "医療機器", "日本光電", "192.168.50.%d" % (20 + i),
        "SEG-MED", "SYS-MONITOR", "看護部", loc=["本館2F ICU", "本館3F 東病棟"][i - 1])
for i in range(1, 13):
    ward = "本館2F ICU" if i <= 6 else "本館3F 東病棟 HCU"
    dev("ME", "ベッドサイドモニタ %d" % i, "医療機器", "日本光電", "192.168.50.%d" % (30 + i),
        "SEG-MED", "SYS-MONITOR", "看護部", loc=ward)
for i in range(1, 11):
    dev("ME", "透析用監視装置 %d" % i, "医療機器", "日機装", "192.168.50.%d" % (60 + i),
        "SEG-MED", "SYS-DIAL", "臨床工学科", loc="西館1F 透析センター")
dev("ME", "人工呼吸器 1", "医療機器", "フィリップス", "192.168.50.81", "SEG-MED",
    "SYS-MONITOR", "臨床工学科", loc="本館2F ICU")
dev("ME", "人工呼吸器 2", "医療機器", "フィリップス", "192.168.50.82", "SEG-MED",
    "SYS-MONITOR", "臨床工学科", loc="本館2F ICU")
dev("ME", "輸液ポンプ管理端末", "医療機器", "テルモ", "192.168.50.83", "SEG-MED", "",
    "臨床工学科", loc="本館2F ME室")
dev("PC", "透析管理端末 1", "パソコン", "富士通", "192.168.50.91", "SEG-MED", "SYS-DIAL",
    "臨床工学科", loc="西館1F 透析センター")
dev("PC", "透析管理端末 2", "パソコン", "富士通", "192.168.50.92", "SEG-MED", "SYS-DIAL",
    "臨床工学科", loc="西館1F 透析センター")

# The standalone analyser: no network, results move on USB memory.
ANALYSER = dev("ME", "血液ガス分析装置 (スタンドアロン)", "医療機器", None, "", "",
               "SYS-LAB", "臨床検査科", vendor="シーメンス", loc="本館1F 救急外来",
               notes="ネットワーク未接続。測定結果はUSBメモリで検査システムへ取込")

# 電子カルテ terminals: desktops on static addresses, nurse-cart notebooks on DHCP.
EHR_LOCS = ["本館1F 外来", "本館1F 救急外来", "本館2F ICU", "本館2F 手術室①",
            "本館3F 東病棟", "本館3F 西病棟", "本館4F 東病棟", "本館4F 西病棟",
            "本館5F 東病棟", "本館5F 西病棟", "髙木記念館1F 健診センター"]
EHR_DEPT = {"本館1F 外来": "外来", "本館1F 救急外来": "救急科", "本館2F ICU": "看護部",
            "本館2F 手術室①": "手術部", "髙木記念館1F 健診センター": "健診センター"}
n = 0
for loc in EHR_LOCS:
    for k in range(4 if "外来" in loc or "病棟" in loc else 2):
        n += 1
        maker = ["NECパーソナル", "富士通", "DellPC"][n % 3]
        unchecked = n in (7, 23, 38)
        dev("PC", "電子カルテ端末 %03d" % n, "パソコン", maker, "10.10.9.%d" % (10 + n),
            "SEG-EHR", "SYS-EHR", EHR_DEPT.get(loc, "看護部"),
            vendor="㈱ミライ医療システム", loc=loc,
            notes="MAC未確認 (ラベル剥離)" if unchecked else "", no_mac=unchecked)
for i in range(1, 13):
    loc = EHR_LOCS[4 + (i - 1) % 6]
    dev("PC", "看護カート用ノートPC %02d" % i, "ノートPC", "Dynabook", "", "SEG-EHR",
        "SYS-EHR", "看護部", vendor="㈱ミライ医療システム", loc=loc,
        notes="無線LAN接続・DHCP")
for i, loc in enumerate(["本館1F 外来", "本館1F 救急外来", "本館2F ICU", "本館3F 東病棟",
                         "本館3F 西病棟", "本館4F 東病棟", "本館4F 西病棟", "本館5F 東病棟",
                         "本館5F 西病棟"], 1):
    dev("PR", "電子カルテ用プリンタ %02d" % i, "プリンタ", ["リコー", "キヤノン"][i % 2],
        "10.10.10.%d" % (10 + i), "SEG-EHR", "SYS-EHR", EHR_DEPT.get(loc, "看護部"), loc=loc,
        no_mac=(i == 5), notes="MAC未確認" if i == 5 else "")
dev("PR", "リストバンドプリンタ", "プリンタ", "Zebra", "10.10.10.31", "SEG-EHR", "SYS-EHR",
    "外来", loc="本館1F 入院受付")
for i in range(1, 9):
    dev("AP", "院内無線AP %02d" % i, "無線AP", "バッファローAP", "10.10.8.%d" % (20 + i),
        "SEG-EHR", "", JOHO, loc=EHR_LOCS[2 + (i - 1) % 8])

# Departmental PCs and printers.
for i in range(1, 5):
    dev("PC", "読影端末 %d" % i, "パソコン", "DellPC", "10.10.20.%d" % (100 + i),
        "SEG-DEPT", "SYS-PACS", "放射線科", loc="東館B1F 読影室")
for i in range(1, 4):
    dev("PC", "RIS受付端末 %d" % i, "パソコン", "富士通", "10.10.20.%d" % (110 + i),
        "SEG-DEPT", "SYS-RIS", "放射線科", loc="東館B1F 放射線受付")
for i in range(1, 6):
    dev("PC", "検査システム端末 %d" % i, "パソコン", "富士通", "10.10.20.%d" % (120 + i),
        "SEG-DEPT", "SYS-LAB", "臨床検査科", loc="東館2F 検体検査室")
dev("PC", "画像取込端末 (CD-R取込・書出)", "パソコン", "DellPC", "10.10.20.130", "SEG-DEPT",
    "SYS-PACS", "放射線科", loc="東館B1F 放射線受付",
    notes="持込CD-Rの取込と紹介先向けCD-R作成。取込前にウイルスチェック")
dev("PC", "内視鏡レポート端末", "パソコン", "富士通", "10.10.20.131", "SEG-DEPT",
    "SYS-ENDO", "内視鏡センター", loc="東館1F 内視鏡センター")
dev("PR", "検体ラベルプリンタ", "プリンタ", "サトー", "10.10.20.140", "SEG-DEPT", "SYS-LAB",
    "臨床検査科", loc="東館2F 採血室")
dev("PR", "放射線科プリンタ", "プリンタ", "キヤノン", "10.10.20.141", "SEG-DEPT",
    "SYS-RIS", "放射線科", loc="東館B1F 放射線受付")

# Office: 医事課, 総務, 薬剤部, 栄養管理科.
for i in range(1, 13):
    dev("PC", "医事会計端末 %02d" % i, "パソコン", "富士通", "10.20.0.%d" % (20 + i),
        "SEG-OFFICE", "SYS-IJI", "医事課", vendor="㈱ひまわりビジネスソリューションズ",
        loc="本館1F 医事課" if i <= 8 else "本館1F 会計窓口")
for i in range(1, 9):
    dev("PC", "事務用PC %02d" % i, "パソコン", "Lenovo", "" if i > 5 else "10.20.0.%d" % (40 + i),
        "SEG-OFFICE", "SYS-OA", "総務課", loc="本館2F 事務室",
        notes="DHCP" if i > 5 else "")
for i in range(1, 4):
    dev("PC", "薬剤部門端末 %d" % i, "パソコン", "富士通", "10.20.0.%d" % (60 + i),
        "SEG-OFFICE", "SYS-PHARM", "薬剤部", loc="本館1F 薬剤部")
for i in range(1, 3):
    dev("PC", "給食管理端末 %d" % i, "パソコン", "富士通", "10.20.0.%d" % (70 + i),
        "SEG-OFFICE", "SYS-MEAL", "栄養管理科", loc="本館B1F 栄養管理室")
dev("PR", "複合機 医事課", "複合機", "リコー", "10.20.1.11", "SEG-OFFICE", "SYS-IJI",
    "医事課", loc="本館1F 医事課")
dev("PR", "複合機 事務室", "複合機", "シャープ", "10.20.1.12", "SEG-OFFICE", "SYS-OA",
    "総務課", loc="本館2F 事務室")
dev("PR", "レセプト用プリンタ", "プリンタ", "エプソン", "10.20.1.13", "SEG-OFFICE", "SYS-IJI",
    "医事課", loc="本館1F 医事課")
dev("PR", "薬袋プリンタ", "プリンタ", "ブラザー", "10.20.1.14", "SEG-OFFICE", "SYS-PHARM",
    "薬剤部", loc="本館1F 薬剤部")

# Online eligibility confirmation (オンライン資格確認), on its own small segment.
dev("PC", "オンライン資格確認端末", "パソコン", "NECパーソナル", "10.20.10.2", "SEG-ONS",
    "SYS-ONS", "医事課", vendor="㈱ひまわりビジネスソリューションズ", loc="本館1F 医事課")
for i in range(1, 3):
    dev("OT", "顔認証付きカードリーダー %d" % i, "その他", "パナソニック",
        "10.20.10.%d" % (2 + i), "SEG-ONS", "SYS-ONS", "医事課", loc="本館1F 受付")

# Management.
for i in range(1, 3):
    dev("PC", "システム管理端末 %d" % i, "パソコン", "DellPC", "10.10.254.%d" % (20 + i),
        "SEG-MGMT", "SYS-INFRA", JOHO, loc="本館B1F 情報システム室")

# Guest Wi-Fi for patients and visitors.
for i in range(1, 5):
    dev("AP", "ゲスト無線AP %d" % i, "無線AP", "バッファローAP", "192.168.100.%d" % (10 + i),
        "SEG-GUEST", "", JOHO, loc=["本館1F 外来待合", "本館3F デイルーム",
                                             "本館4F デイルーム", "本館5F デイルーム"][i - 1])

# Facilities: cameras, phones, nurse call, building systems.
for i in range(1, 11):
    dev("CM", "監視カメラ %02d" % i, "監視カメラ", ["Axis", "i-PRO"][i % 2],
        "10.30.0.%d" % (100 + i), "SEG-FAC", "SYS-FAC", "施設課",
        loc=["本館1F 正面玄関", "本館1F 救急入口", "本館1F 薬剤部", "本館B1F サーバ室",
             "東館B1F 放射線部", "本館2F 手術室前", "西館1F 透析センター", "駐車場",
             "本館5F 西病棟", "髙木記念館1F"][i - 1])
for i in range(1, 17):
    dev("TL", "IP電話機 %02d" % i, "IP電話", ["サクサ", "NEC電話"][i % 2],
        "" if i > 6 else "10.30.0.%d" % (40 + i), "SEG-FAC", "SYS-FAC", "施設課",
        loc=EHR_LOCS[(i - 1) % len(EHR_LOCS)], notes="DHCP" if i > 6 else "")
dev("OT", "ナースコール親機 (3F)", "設備", "パナソニック", "10.30.0.61", "SEG-FAC", "SYS-FAC",
    "看護部", loc="本館3F ナースステーション")
dev("OT", "ナースコール親機 (4F)", "設備", "パナソニック", "10.30.0.62", "SEG-FAC", "SYS-FAC",
    "看護部", loc="本館4F ナースステーション")
dev("OT", "空調中央監視装置", "設備", "Realtek", "10.30.0.71", "SEG-FAC", "SYS-FAC", "施設課",
    loc="本館B1F 防災センター", vendor="四国設備サービス㈱")
dev("OT", "入退室管理コントローラ", "設備", "Realtek", "10.30.0.72", "SEG-FAC", "SYS-FAC",
    "施設課", loc="本館B1F 防災センター", vendor="四国設備サービス㈱", no_mac=True,
    notes="MAC未確認")

# --------------------------------------------------------------------------
# Other records.

segments = [
    ("SEG-CORE", "基幹サーバ系", "10.10.0.0/24", "基幹系", "10", "",
     "電子カルテ・医事会計などのサーバ"),
    ("SEG-EHR", "電子カルテ系", "10.10.8.0/22", "基幹系", "20", "",
     "電子カルテ端末・院内無線 (看護カート)"),
    ("SEG-DEPT", "部門系 (PACS・検査・放射線)", "10.10.20.0/23", "部門系", "30", "",
     "モダリティ・検査機器・部門サーバ"),
    ("SEG-MED", "医療機器系", "192.168.50.0/24", "医療機器系", "50",
     "SEG-DEPT;SEG-CORE", "生体情報モニタ・透析。UTMで部門系・基幹系からの通信のみ許可"),
    ("SEG-OFFICE", "医事・事務系", "10.20.0.0/23", "事務系", "40", "", ""),
    ("SEG-ONS", "オンライン資格確認系", "10.20.10.0/28", "事務系", "45", "SEG-OFFICE",
     "閉域網 (IP-VPN) 専用。医事会計サーバとのみ連携"),
    ("SEG-DMZ", "DMZ", "172.16.10.0/24", "DMZ", "200", "",
     "プロキシ・メール中継・回線終端装置"),
    ("SEG-MGMT", "管理系", "10.10.254.0/24", "管理系", "99", "SEG-CORE",
     "ネットワーク機器の管理・監視"),
    ("SEG-GUEST", "ゲスト無線 (患者・来院者)", "192.168.100.0/23", "ゲスト", "300", "SEG-DMZ",
     "インターネットのみ。院内LANへの通信はUTMで遮断"),
    ("SEG-FAC", "設備系 (カメラ・電話・ナースコール)", "10.30.0.0/24", "設備系", "60", "", ""),
]

systems = [
    ("SYS-EHR", "電子カルテ", "株式会社ミライ医療システム", "医療情報管理室 室長 髙田 誠",
     "山本 大輔 (カスタマーサポート部)", "0120-000-101", "support@mirai-iryo.example.jp",
     "オーダリング・看護支援を含む"),
    ("SYS-PACS", "PACS", "東和メディカルイメージング株式会社", "放射線科 技師長 佐々木 健一",
     "森 恵 (四国営業所)", "0120-000-202", "pacs-support@towa-mi.example.jp",
     "画像保存60TB"),
    ("SYS-RIS", "放射線RIS", "東和メディカルイメージング株式会社",
     "放射線科 技師長 佐々木 健一", "森 恵 (四国営業所)", "0120-000-202",
     "pacs-support@towa-mi.example.jp", ""),
    ("SYS-LAB", "臨床検査システム", "四国ラボシステム株式会社", "臨床検査科 技師長 岡田 陽子",
     "藤井 隆", "088-000-3131", "helpdesk@shikoku-lab.example.jp",
     "検体・細菌・生理検査"),
    ("SYS-ENDO", "内視鏡画像ファイリング", "オリンパスマーケティング株式会社 (販売店経由)",
     "内視鏡センター長 三木 直人", "四国メディカル商事 担当 石川", "088-000-4141",
     "endo@shikoku-medical.example.jp", ""),
    ("SYS-IJI", "医事会計", "株式会社ひまわりビジネスソリューションズ", "医事課 課長 松本 由紀",
     "井上 剛", "03-0000-5151", "iji-support@himawari-bs.example.com", "レセプト作成を含む"),
    ("SYS-ONS", "オンライン資格確認", "株式会社ひまわりビジネスソリューションズ",
     "医事課 課長 松本 由紀", "井上 剛", "03-0000-5151",
     "iji-support@himawari-bs.example.com", "オンライン資格確認等システム (閉域網接続)"),
    ("SYS-PHARM", "薬剤部門システム", "四国ファーマシステム株式会社", "薬剤部 部長 原田 修",
     "川口 真理", "088-000-6161", "support@shikoku-pharma.example.jp", "調剤・薬袋発行"),
    ("SYS-MEAL", "給食管理", "フードケアシステム株式会社", "栄養管理科 科長 吉田 千春",
     "清水 亮", "0120-000-717", "care@foodcare.example.com", ""),
    ("SYS-DIAL", "透析管理", "ダイアケア株式会社", "臨床工学科 技士長 坂本 昌也",
     "上田 翼", "0120-000-818", "service@diacare.example.jp", "透析用監視装置10台と連携"),
    ("SYS-MONITOR", "生体情報モニタ", "日本光電 (販売店: 四国メディカル商事)",
     "臨床工学科 技士長 坂本 昌也", "四国メディカル商事 担当 石川", "088-000-4141",
     "me@shikoku-medical.example.jp", "セントラルモニタ・人工呼吸器"),
    ("SYS-RENKEI", "地域医療連携", "株式会社ミライ医療システム", "地域医療連携室 室長 中川 綾",
     "山本 大輔 (カスタマーサポート部)", "0120-000-101", "support@mirai-iryo.example.jp",
     "県内連携病院・診療所へ診療情報を公開"),
    ("SYS-INFRA", "院内ネットワーク基盤 (AD・DNS・UTM)", "阿波ネットワークサービス株式会社",
     "情報システム室 主任 髙橋 一郎", "西岡 拓也", "088-000-9191",
     "noc@awa-net.example.jp", "ネットワーク機器・サーバ基盤の保守"),
    ("SYS-OA", "事務系OA・メール", "阿波ネットワークサービス株式会社", "総務課 課長 小川 智子",
     "西岡 拓也", "088-000-9191", "noc@awa-net.example.jp", "Microsoft 365"),
    ("SYS-FAC", "設備系 (監視カメラ・電話・ナースコール)", "四国設備サービス株式会社",
     "施設課 課長 森本 浩", "大西 聡", "088-000-2020", "info@shikoku-setsubi.example.jp", ""),
]

lines = [
    ("LINE-01", "インターネット回線 (主回線)", "NTT西日本 フレッツ光クロス + ISP 阿波ネット",
     "インターネット", FW, "インターネット閲覧・メール・Microsoft 365・遠隔画像診断",
     "固定IP 1個。UTMで終端"),
    ("LINE-02", "インターネット回線 (保守・バックアップ用)", "KDDI 光ダイレクト",
     "インターネット", RT_KDDI, "リモート保守用SSL-VPN・電子カルテバックアップ",
     "SSL-VPN装置はこの回線側に設置"),
    ("LINE-03", "オンライン資格確認 閉域網", "NTT西日本 (IP-VPN)", "閉域網", RT_ONS,
     "オンライン資格確認等システム (支払基金・国保中央会)", "IP-VPN接続方式"),
    ("LINE-04", "地域医療連携ネットワーク", "NTT西日本 フレッツ・VPN ワイド", "閉域網",
     RT_RENKEI, "県内連携医療機関との診療情報共有", ""),
    ("LINE-05", "災害時バックアップ回線", "NTTドコモ (LTE)", "モバイル", RT_LTE,
     "主回線障害時のインターネット接続", "通常は停止"),
]

maintenance = [
    ("MNT-01", "株式会社ミライ医療システム", "SYS-EHR", "LINE-02", VPN_SSL, "SSL-VPN", "常時",
     "山本 大輔", "0120-000-101", "接続ログはUTMで取得し月次で確認"),
    ("MNT-02", "東和メディカルイメージング株式会社", "SYS-PACS", "", VPN_PACS, "IPsec-VPN",
     "常時", "森 恵", "0120-000-202",
     "事業者が自社で契約した回線 (院内の回線一覧には無い)。画像装置の死活監視を含む"),
    ("MNT-03", "四国ラボシステム株式会社", "SYS-LAB", "LINE-02", VPN_SSL,
     "リモートデスクトップ (SSL-VPN経由)", "申請時のみ", "藤井 隆", "088-000-3131",
     "作業申請書を情報システム室へ提出し、作業時のみアカウント有効化"),
    ("MNT-04", "株式会社ひまわりビジネスソリューションズ", "SYS-IJI", "LINE-02", VPN_SSL,
     "SSL-VPN", "平日9-17時", "井上 剛", "03-0000-5151", "診療報酬改定時は時間外作業あり"),
    ("MNT-05", "ダイアケア株式会社", "SYS-DIAL", "", VPN_DIAL, "IPsec-VPN (LTE)", "申請時のみ",
     "上田 翼", "0120-000-818", "事業者所有のモバイルルータ。作業時のみ電源ON"),
    ("MNT-06", "阿波ネットワークサービス株式会社", "SYS-INFRA", "LINE-01", FW, "SSL-VPN",
     "平日9-17時", "西岡 拓也", "088-000-9191", "UTM・スイッチのファームウェア更新"),
]

clouds = [
    ("CLOUD-01", "電子カルテ バックアップクラウド", "株式会社ミライ医療システム", "SYS-EHR",
     "LINE-02", "診療録・オーダ歴の暗号化バックアップ (日次)", "国内データセンター"),
    ("CLOUD-02", "Microsoft 365", "日本マイクロソフト株式会社", "SYS-OA;SYS-INFRA",
     "LINE-01", "メール・事務文書 (患者情報の保存は禁止)", ""),
    ("CLOUD-03", "遠隔画像診断サービス", "株式会社とくしま遠隔読影センター",
     "SYS-PACS;SYS-RIS", "LINE-01", "CT・MRI画像、読影レポート", "夜間・休日の読影を委託"),
    ("CLOUD-04", "Web予約・問診サービス", "株式会社ネット受付 (架空)", "SYS-IJI", "LINE-01",
     "患者氏名・連絡先・予約日時・問診回答", ""),
]

flows = [
    ("SYS-EHR", "SYS-IJI", "ネットワーク", "会計情報 (診療行為)"),
    ("SYS-EHR", "SYS-RIS", "ネットワーク", "放射線オーダ"),
    ("SYS-RIS", "SYS-PACS", "ネットワーク", "撮影情報 (MWM)"),
    ("SYS-PACS", "SYS-EHR", "ネットワーク", "画像参照・読影レポート"),
    ("SYS-EHR", "SYS-LAB", "ネットワーク", "検体検査オーダ"),
    ("SYS-LAB", "SYS-EHR", "ネットワーク", "検査結果"),
    ("SYS-EHR", "SYS-PHARM", "ネットワーク", "処方オーダ"),
    ("SYS-EHR", "SYS-MEAL", "ネットワーク", "食事オーダ"),
    ("SYS-DIAL", "SYS-EHR", "ネットワーク", "透析記録"),
    ("SYS-MONITOR", "SYS-EHR", "ネットワーク", "バイタルデータ"),
    ("SYS-ENDO", "SYS-EHR", "ネットワーク", "内視鏡画像・レポート"),
    ("SYS-ONS", "SYS-IJI", "ネットワーク", "資格確認結果・薬剤情報"),
    ("SYS-EHR", "SYS-RENKEI", "ネットワーク", "診療情報提供書・公開用データ"),
    ("SYS-EHR", "CLOUD-01", "ネットワーク", "夜間バックアップ"),
    ("SYS-PACS", "CLOUD-03", "ネットワーク", "読影依頼画像"),
    ("CLOUD-03", "SYS-RIS", "ネットワーク", "読影レポート"),
    (ANALYSER, "SYS-LAB", "USBメモリ", "血液ガス測定結果 (日次で取込)"),
    ("SYS-PACS", "○○画像診断センター", "CD-R", "紹介患者の画像 (患者に手渡し)"),
    ("近隣診療所 (紹介元)", "SYS-PACS", "CD-R", "持込画像 (取込端末でウイルスチェック後に取込)"),
    ("SYS-LAB", "△△臨床検査株式会社", "媒体", "外注検査の依頼票 (検体に同梱)"),
    ("△△臨床検査株式会社", "SYS-LAB", "USBメモリ", "外注検査結果 (月次の一括データ)"),
    ("SYS-IJI", "社会保険診療報酬支払基金", "ネットワーク",
     "レセプトのオンライン請求 (オンライン資格確認の閉域網経由)"),
]

contacts = [
    # Appendix 3 of the manual, as printed there.
    ("厚生労働省 医政局特定医薬品開発支援・医療情報担当参事官室", "厚生労働省", "03-6812-7837",
     "igishitsu@mhlw.go.jp", "", "サイバー攻撃を受けた場合の厚生労働省の連絡先"),
    ("一般社団法人 ソフトウェア協会（厚生労働省委託事業） 医療機関向け セキュリティ教育支援ポータルサイト",
     "相談窓口", "", "", "https://mhlw-training.saj.or.jp/incident/",
     "医療機関において、セキュリティインシデントの疑いがある内容について、問い合わせができる"
     "\n※重大なインシデントを除き、厚生労働省への情報共有は行われない"),
    ("独立行政法人情報処理推進機構(IPA) 情報セキュリティ安心相談窓口", "相談窓口",
     "03-5978-7509", "anshin@ipa.go.jp", "",
     "FAX：03-5978-7518\nウイルス感染、不正アクセスが発生した場合などは連絡する"),
    ("独立行政法人情報処理推進機構(IPA) サイバーセキュリティお助け隊サービス", "相談窓口", "",
     "", "https://www.ipa.go.jp/security/otasuketai-pr/", "監視システムの導入支援などが受けられる"),
    ("個人情報保護委員会", "個人情報保護委員会", "", "", "https://www.ppc.go.jp/legal/rouei/",
     "個人情報を含むデータの漏洩、滅失、毀損が発生した場合（不正アクセス等を含む）は連絡"),
    ("徳島県庁 保健福祉部 医療政策課", "都道府県", "088-621-2366",
     "iryouseisakuka@pref.tokushima.jp", "", "県への報告・相談"),
    ("徳島県警察 サイバー犯罪に関する相談及び情報", "警察", "088-622-3180", "", "",
     "フィッシング詐欺、ウイルス等の被害にあった場合は連絡する"),
    ("JPCERT/CC（JPCERTコーディネーションセンター）", "情報収集", "", "",
     "https://www.jpcert.or.jp/", "国内で報告されたインシデント情報、製品の脆弱性情報及び詳細な対策手順"),
    # Vendors (fictional).
    ("株式会社ミライ医療システム カスタマーサポート部 山本様", "保守事業者 (電子カルテ)",
     "0120-000-101", "support@mirai-iryo.example.jp", "", "電子カルテシステムの障害発生時に連絡 (24時間)"),
    ("東和メディカルイメージング株式会社 四国営業所 森様", "保守事業者 (PACS・RIS)",
     "0120-000-202", "pacs-support@towa-mi.example.jp", "", "PACS・RISの障害発生時に連絡"),
    ("四国ラボシステム株式会社 藤井様", "保守事業者 (検査)", "088-000-3131",
     "helpdesk@shikoku-lab.example.jp", "", ""),
    ("株式会社ひまわりビジネスソリューションズ 井上様", "保守事業者 (医事会計・オンライン資格確認)",
     "03-0000-5151", "iji-support@himawari-bs.example.com", "", ""),
    ("阿波ネットワークサービス株式会社 NOC 西岡様", "保守事業者 (ネットワーク)", "088-000-9191",
     "noc@awa-net.example.jp", "", "UTM・回線・ネットワーク機器の障害"),
    ("さくら総合病院 情報システム室 (院内)", "院内窓口", "088-000-0110 (内線 2301)",
     "johosys@sakura-hp.example.jp", "", "夜間・休日は当番携帯 090-0000-0000"),
]

# --------------------------------------------------------------------------
# scans/: two quarterly scans (fictional), as `koseizu scan --site data` saves
# them (src/snapshot.rs). They tell a story for audit, diff, map and impact:
#   - 2026-08-03 (previous quarter) and 2026-11-02 (current), one run each
#     over every segment except the guest Wi-Fi (patients' own phones are not
#     the hospital's to probe; the audit then names SEG-GUEST as unscanned);
#   - November finds an LTE router nobody declared in 医療機器系 (a Century
#     Systems OUI: a dialysis-equipment engineer's remote-maintenance router
#     left plugged in), RDP newly open on the dialysis server behind it, a
#     phone with a randomised MAC on the 電子カルテ系 Wi-Fi, an unknown PC in
#     部門系, and 内視鏡レポート端末 at another IP than the ledger's;
#   - powered-off devices are not seen (the disaster LTE router, the dialysis
#     vendor's own router, a nurse-cart notebook in repair; the portable X-ray
#     unit seen in August is gone in November);
#   - telnet, open on the 医療機器系 switch in August, is closed in November.
# Evidence follows the scanner's rules (src/scan/evidence.rs): gateway-probe
# answers from routers, IKE/SSL-VPN/RDP services, router/VPN makers' OUIs.

SCAN_RNG = random.Random(20261102)  # separate, so devices.csv stays the same

# IEEE organisation names of the OUIs above, as the `oui-data` crate has them
# (tests/sample_data.rs checks every one).
OUI_ORG = {
    "001B54": "Cisco Systems, Inc",
    "001AEB": "Allied Telesis K.K.",
    "7478A6": "Fortinet, Inc.",
    "AC44F2": "YAMAHA CORPORATION",
    "001697": "NEC Corporation",
    "6CE4DA": "NEC Platforms, Ltd.",
    "001422": "Dell Inc.",
    "3CD92B": "Hewlett Packard",
    "000B5D": "FUJITSU LIMITED",
    "001D73": "BUFFALO.INC",
    "B0C745": "BUFFALO.INC",
    "F46E24": "NEC Personal Computers, Ltd.",
    "001EC9": "Dell Inc.",
    "10C595": "Lenovo",
    "74E665": "Dynabook Technology (Hangzhou) Inc.",
    "002673": "RICOH COMPANY,LTD.",
    "001E8F": "CANON INC.",
    "008077": "Brother industries, LTD.",
    "8C5219": "SHARP Corporation",
    "0026AB": "Seiko Epson Corporation",
    "0050AA": "KONICA MINOLTA HOLDINGS, INC.",
    "9075DE": "Zebra Technologies Inc.",
    "001998": "SATO CORPORATION",
    "001C7E": "Toshiba",
    "7C94B2": "Philips Healthcare PCCI",
    "444B5D": "GE Healthcare",
    "001865": "Siemens Healthcare Diagnostics Manufacturing Ltd",
    "88B436": "FUJIFILM Corporation",
    "000113": "OLYMPUS CORPORATION",
    "00066B": "Sysmex Corporation",
    "00E096": "SHIMADZU CORPORATION",
    "60F673": "TERUMO CORPORATION",
    "00A09A": "NIHON KOHDEN AMERICA",
    "0040D1": "FUKUDA DENSHI CO., LTD.",
    "CC7B61": "NIKKISO CO., LTD.",
    "B8A44F": "Axis Communications AB",
    "D42DC5": "i-PRO Co., Ltd.",
    "0020C1": "SAXA, Inc.",
    "B8208E": "Panasonic Connect Co., Ltd.",
    "081086": "NEC Platforms, Ltd.",
    "00E04C": "REALTEK SEMICONDUCTOR CORP.",
    "00806D": "CENTURY SYSTEMS CORP.",
    "04D9F5": "ASUSTek COMPUTER INC.",
}

# The scanner's list of router/VPN makers (whole words of the organisation).
ROUTER_VPN_MAKERS = [
    "fortinet", "yamaha", "nec", "nec platforms", "cisco", "cisco meraki",
    "palo alto networks", "sonicwall", "juniper networks", "watchguard",
    "allied telesis", "buffalo", "i o data", "century systems",
    "furukawa network solution", "furukawa electric", "ntt me",
    "hewlett packard enterprise", "aruba", "mikrotik", "routerboard com", "ubiquiti",
    "check point software", "sophos", "barracuda networks", "zyxel", "tp link",
    "netgear", "huawei", "draytek",
]


def words(s):
    """Lower case, punctuation as spaces, padded: how the scanner matches makers."""
    return " " + " ".join("".join(c if c.isalnum() else " " for c in s.lower()).split()) + " "


def router_maker(org):
    return org is not None and any(" %s " % m in words(org) for m in ROUTER_VPN_MAKERS)


SERVICE = {("tcp", 22): "ssh", ("tcp", 23): "telnet", ("tcp", 80): "http",
           ("tcp", 104): "dicom", ("tcp", 11112): "dicom", ("tcp", 443): "https",
           ("tcp", 445): "smb", ("tcp", 2575): "hl7", ("tcp", 3389): "rdp",
           ("tcp", 5900): "vnc", ("tcp", 8080): "http-alt", ("tcp", 8443): "https-alt",
           ("tcp", 10443): "ssl-vpn", ("udp", 500): "ike", ("udp", 4500): "ike-nat-t"}
SCAN_TCP = [22, 23, 80, 104, 443, 445, 2575, 3389, 5900, 8080, 8443, 10443, 11112]
SCAN_UDP = [500, 4500]


def way_out_service(proto, port, maker):
    if proto == "udp" and port in (500, 4500):
        return "IKE"
    if proto == "tcp":
        if port == 3389:
            return "RDP"
        if port == 5900:
            return "VNC"
        if port == 10443:
            return "SSL-VPN"
        if port in (443, 8443) and maker:
            return "SSL-VPN"
    return None


def canon_mac(text):
    h = "".join(c for c in text if c in "0123456789abcdefABCDEF").lower()
    assert len(h) == 12, text
    return ":".join(h[i:i + 2] for i in range(0, 12, 2))


def fresh_scan_mac(oui, local=False):
    while True:
        low = SCAN_RNG.randrange(0x1000000)
        if local:
            # A phone's private Wi-Fi address: locally administered, unicast.
            first = (SCAN_RNG.randrange(256) | 0x02) & 0xFE
            hexs = "%02X%04X%06X" % (first, SCAN_RNG.randrange(0x10000), low)
        else:
            hexs = oui + "%06X" % low
        if hexs not in _used_macs:
            _used_macs.add(hexs)
            return canon_mac(hexs)


def ip_key(ip):
    return tuple(int(x) for x in ip.split("."))


def tcp(*ports):
    return [("tcp", p) for p in ports]


def udp(*ports):
    return [("udp", p) for p in ports]


BY_ID = {d["id"]: d for d in devices}
BY_NAME = {d["name"]: d["id"] for d in devices}

# What answers on each ledger device, by kind, then by device.
KIND_PORTS = {
    "L3SW": tcp(22), "スイッチ": tcp(22, 80), "サーバ": tcp(445), "ストレージ": tcp(445),
    "医療機器": [], "パソコン": tcp(445), "ノートPC": tcp(445), "プリンタ": tcp(80, 443),
    "複合機": tcp(80, 443), "無線AP": tcp(80), "監視カメラ": tcp(80, 443), "IP電話": tcp(80),
    "電話": tcp(80, 443), "設備": tcp(80), "その他": [],
}
DEVICE_PORTS = {
    FW: tcp(22, 443, 10443) + udp(500, 4500),
    RT_KDDI: tcp(22) + udp(500, 4500),
    VPN_SSL: tcp(443, 10443),
    RT_RENKEI: tcp(22) + udp(500, 4500),
    RT_ONS: tcp(22),
    VPN_PACS: tcp(22) + udp(500, 4500),
}
for name, ports in [
    ("電子カルテサーバ (本番)", tcp(80, 443, 445)),
    ("電子カルテサーバ (待機)", tcp(80, 443, 445)),
    ("オーダリング連携サーバ", tcp(445, 2575)),
    ("ウイルス対策管理サーバ", tcp(443, 445, 8443)),
    ("WSUSサーバ", tcp(80, 443, 445)),
    ("バックアップストレージ (電子カルテ)", tcp(80, 445)),
    ("PACSサーバ", tcp(80, 104, 443, 445, 11112)),
    ("放射線RISサーバ", tcp(104, 445, 2575)),
    ("検査システムサーバ", tcp(445, 2575)),
    ("細菌検査サーバ", tcp(445, 2575)),
    ("内視鏡画像サーバ", tcp(104, 445)),
    ("生理検査サーバ", tcp(104, 445)),
    ("プロキシサーバ", tcp(8080)),
    ("メール中継サーバ", tcp(22)),
    ("地域連携ゲートウェイサーバ", tcp(443)),
    ("ログ管理サーバ", tcp(22, 443)),
    ("ネットワーク監視サーバ", tcp(22, 80, 443)),
    ("録画サーバ (監視カメラ)", tcp(80, 443)),
    ("MRI装置 (MAGNETOM 1.5T)", tcp(104, 11112)),
    ("血管撮影装置", tcp(104, 11112)),
    ("生化学自動分析装置", tcp(2575)),
    ("読影端末 1", tcp(104, 445)), ("読影端末 2", tcp(104, 445)),
    ("読影端末 3", tcp(104, 445)), ("読影端末 4", tcp(104, 445)),
    ("画像取込端末 (CD-R取込・書出)", tcp(104, 445)),
    ("オンライン資格確認端末", []),
    ("ナースコール親機 (3F)", tcp(80)), ("ナースコール親機 (4F)", tcp(80)),
]:
    DEVICE_PORTS[BY_NAME[name]] = ports
for d in devices:
    # Modalities and analysers that store or query images speak DICOM.
    if d["kind"] == "医療機器" and d["id"] not in DEVICE_PORTS and d["segment"] == "SEG-DEPT" \
            and d["system"] in ("SYS-PACS", "SYS-ENDO") or d["name"].startswith("超音波"):
        DEVICE_PORTS[d["id"]] = tcp(104)

DIAL_SERVER = BY_NAME["透析管理サーバ"]
MED_SWITCH = BY_NAME["医療機器系スイッチ"]
ENDO_PC = BY_NAME["内視鏡レポート端末"]
PORTABLE_XRAY = BY_NAME["回診用X線撮影装置"]
CART_IN_REPAIR = BY_NAME["看護カート用ノートPC 12"]

SCANNED_SEGMENTS = [s for s in segments if s[0] != "SEG-GUEST"]
# The Nihon Kohden monitors get ARP only (`--exclude`): life-critical, and
# their maker asks that they are not probed.
EXCLUDED_VENDOR = "NIHON KOHDEN"

# DHCP devices: the leases they held on both scan days.
DHCP_POOL = {"SEG-EHR": ("10.10.11", 100), "SEG-OFFICE": ("10.20.1", 100),
             "SEG-FAC": ("10.30.0", 150)}
dhcp_ip = {}
for d in devices:
    if not d["ip"] and d["segment"] in DHCP_POOL and (d["mac"] or d["maker"]):
        net, start = DHCP_POOL[d["segment"]]
        n = sum(1 for v in dhcp_ip.values() if v.startswith(net + ".")) + 1
        dhcp_ip[d["id"]] = "%s.%d" % (net, start + n)

# MACs the scan learns for devices the ledger records without one.
learned_mac = {}
for d in devices:
    if not d["mac"] and d["maker"] and d["ip"]:
        learned_mac[d["id"]] = fresh_scan_mac(OUI[d["maker"]])

UNDECLARED_ROUTER = {"ip": "192.168.50.240", "mac": fresh_scan_mac("00806D"),
                     "ports": tcp(22, 80, 443) + udp(500, 4500), "router": True}
PHONE = {"ip": "10.10.11.143", "mac": fresh_scan_mac(None, local=True), "ports": [],
         # A host name as an import could bring it (`scan` v1 leaves the
         # field empty): hostile text every output must keep inert (CSV
         # formula, HTML/SVG markup).
         "hostname": '=HYPERLINK("http://example.com/?a=1&b=2","<script>alert(1)</script>")'}
UNKNOWN_PC = {"ip": "10.10.20.77", "mac": fresh_scan_mac("04D9F5"), "ports": tcp(445),
              "hostname": "DESKTOP-7Q2K9LM"}
SCANNER = {"ip": "10.10.254.50", "mac": fresh_scan_mac("B8208E")}


def snapshot_host(ip, mac, ports, hostname=None, router=False, excluded=False):
    org = OUI_ORG[mac.replace(":", "").upper()[:6]] if int(mac[:2], 16) & 2 == 0 else None
    maker = router_maker(org)
    ports = [] if excluded else sorted(set(ports), key=lambda p: (p[0] != "tcp", p[1]))
    external = []
    if router and not excluded:
        external.append({"kind": "gateway-probe", "responder": ip})
    for proto, port in ports:
        what = way_out_service(proto, port, maker)
        if what:
            external.append({"kind": "service", "proto": proto, "port": port, "what": what})
    if maker:
        external.append({"kind": "vendor", "organization": org})
    flags = []
    if org is None:
        flags.append("randomised-mac")
    if excluded:
        flags.append("excluded")
    h = {"ip": ip, "mac": mac, "vendor": org}
    if hostname is not None:
        h["hostname"] = hostname
    h["ports"] = [{"proto": pr, "port": po, "service": SERVICE.get((pr, po))} for pr, po in ports]
    # Wired hosts answer in well under a millisecond; Wi-Fi clients slower.
    wifi = d_kind_is_wifi(ip)
    h["rtt_ms"] = (SCAN_RNG.randrange(2000, 40000) if wifi else SCAN_RNG.randrange(150, 900)) / 1000
    h["flags"] = flags
    h["external"] = external
    return h


def d_kind_is_wifi(ip):
    return ip.startswith("10.10.11.")


def scan_hosts(current):
    declared = {l[4] for l in lines} | {m[4] for m in maintenance}
    hosts = []
    for d in devices:
        seg = d["segment"]
        if seg not in {s[0] for s in SCANNED_SEGMENTS}:
            continue
        if d["id"] in (RT_LTE, VPN_DIAL, CART_IN_REPAIR):
            continue  # powered off on both scan days
        if current and d["id"] == PORTABLE_XRAY:
            continue  # gone since August
        ip = d["ip"] or dhcp_ip.get(d["id"])
        mac = canon_mac(d["mac"]) if d["mac"] else learned_mac.get(d["id"])
        if ip is None or mac is None:
            continue
        if current and d["id"] == ENDO_PC:
            ip = "10.10.20.135"  # re-installed in October, the ledger not updated
        ports = list(DEVICE_PORTS[d["id"]] if d["id"] in DEVICE_PORTS else KIND_PORTS[d["kind"]])
        if current and d["id"] == DIAL_SERVER:
            ports += tcp(3389)  # opened for the vendor's remote maintenance
        if not current and d["id"] == MED_SWITCH:
            ports += tcp(23)  # telnet, closed after the August review
        excluded = d["maker"] is not None and EXCLUDED_VENDOR in OUI_ORG[OUI[d["maker"]]]
        hosts.append(snapshot_host(ip, mac, ports, router=d["id"] in declared,
                                   excluded=excluded))
    extras = [PHONE, UNKNOWN_PC, UNDECLARED_ROUTER] if current else []
    for x in extras:
        hosts.append(snapshot_host(x["ip"], x["mac"], x["ports"], x.get("hostname"),
                                   router=x.get("router", False)))
    hosts.sort(key=lambda h: ip_key(h["ip"]))
    ips = [h["ip"] for h in hosts]
    assert len(ips) == len(set(ips)), "two hosts at one IP"
    return hosts


def snapshot(started, finished, current):
    return {
        "format": "koseizu-snapshot",
        "version": 1,
        "started": started,
        "finished": finished,
        "partial": False,
        "interface": "eno1",
        "scanner_ip": SCANNER["ip"],
        "scanner_mac": SCANNER["mac"],
        # The scanning notebook has no default gateway: it needs none, and
        # cannot leak anything outside while it probes.
        "default_gateway": None,
        "scopes": [s[2] for s in SCANNED_SEGMENTS],
        "settings": {
            "rate_pps": 1000,
            "host_rate_pps": 20,
            "tcp_ports": SCAN_TCP,
            "udp_ports": SCAN_UDP,
            "outside_probe": "198.19.0.1",
            "excluded": [EXCLUDED_VENDOR],
            "unprivileged": False,
        },
        "hosts": scan_hosts(current),
        "limitations": [],
    }


# Generated in this order so the RNG, and so the bytes, never change.
SCANS = [
    ("2026-08-03T010000Z.json",
     snapshot("2026-08-03T01:00:00Z", "2026-08-03T01:07:18Z", current=False)),
    ("2026-11-02T010000Z.json",
     snapshot("2026-11-02T01:00:00Z", "2026-11-02T01:07:42Z", current=True)),
]

# --------------------------------------------------------------------------
# Writers.


def csv_text(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(header)
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def write(name, text, encoding):
    with open(os.path.join(OUT, name), "wb") as f:
        f.write(text.encode(encoding))


def check_references():
    seg_ids = {s[0] for s in segments}
    sys_ids = {s[0] for s in systems}
    dev_ids = {d["id"] for d in devices}
    line_ids = {l[0] for l in lines}
    cloud_ids = {c[0] for c in clouds}
    ips = [d["ip"] for d in devices if d["ip"]]
    assert len(ips) == len(set(ips)), "duplicate IP"
    assert len(dev_ids) == len(devices), "duplicate id"
    for d in devices:
        assert d["segment"] in seg_ids or d["segment"] == "", d
        assert d["system"] in sys_ids or d["system"] == "", d
    for s in segments:
        for c in filter(None, s[5].split(";")):
            assert c in seg_ids, s
    for l in lines:
        assert l[4] in dev_ids, l
    for m in maintenance:
        assert m[2] in sys_ids and (m[3] in line_ids or m[3] == "") and m[4] in dev_ids, m
    for c in clouds:
        assert all(s in sys_ids for s in c[3].split(";")) and c[4] in line_ids, c
    known = seg_ids | sys_ids | dev_ids | line_ids | cloud_ids
    outside = {e for f in flows for e in f[:2] if e not in known}
    assert outside == {"○○画像診断センター", "近隣診療所 (紹介元)", "△△臨床検査株式会社",
                       "社会保険診療報酬支払基金"}, outside


def main():
    global OUT
    if len(sys.argv) > 1:
        OUT = sys.argv[1]
    os.makedirs(OUT, exist_ok=True)
    check_references()
    with open(os.path.join(OUT, "site.toml"), "w", encoding="utf-8", newline="\n") as f:
        f.write('# 構成図の表題と更新日。更新したら updated を書き換える\n'
                'name = "医療法人さくら会 さくら総合病院"\n'
                'updated = "2026-11-01"\n'
                'language = "ja"\n'
                'author = "情報システム室"\n')
    keys = ["id", "name", "kind", "mac", "ip", "segment", "system", "department", "vendor",
            "location", "notes"]
    # What Japanese Excel saves: CP932, CRLF, Japanese headers. encode() is
    # strict, so a character CP932 cannot hold fails here instead of turning into "?".
    write("devices.csv",
          csv_text(["番号", "名称", "種別", "MACアドレス", "IPアドレス", "セグメント", "システム",
                    "部署", "ベンダ", "設置場所", "備考"],
                   [[d[k] for k in keys] for d in devices]),
          "cp932")
    write("segments.csv",
          csv_text(["番号", "名称", "サブネット", "ゾーン", "VLAN番号", "接続先セグメント", "備考"],
                   segments),
          "utf-8")
    write("systems.csv",
          csv_text(["番号", "名称", "ベンダ", "責任者", "担当者", "電話番号", "メールアドレス",
                    "備考"], systems),
          "utf-8-sig")
    write("lines.csv",
          csv_text(["番号", "回線名", "回線事業者", "種別", "接続機器", "用途", "備考"], lines),
          "utf-8")
    write("maintenance.csv",
          csv_text(["番号", "事業者", "システム", "回線", "接続機器", "接続方式", "接続時間",
                    "担当者", "電話番号", "備考"], maintenance),
          "utf-8-sig")
    write("cloud.csv",
          csv_text(["番号", "サービス名", "提供事業者", "利用システム", "回線", "取扱データ", "備考"],
                   clouds),
          "utf-8-sig")
    write("flows.csv", csv_text(["送信元", "送信先", "区分", "内容"], flows), "utf-8-sig")
    write("contacts.csv",
          csv_text(["名称", "役割", "電話番号", "メールアドレス", "URL", "備考"], contacts),
          "utf-8-sig")
    scans = os.path.join(OUT, "scans")
    os.makedirs(scans, exist_ok=True)
    for name, snap in SCANS:
        # serde_json's pretty layout, so `koseizu` would write the same bytes.
        write(os.path.join("scans", name),
              json.dumps(snap, ensure_ascii=False, indent=2) + "\n", "utf-8")
    print("wrote %s: %d devices, %d segments" % (os.path.normpath(OUT), len(devices),
                                                  len(segments)), file=sys.stderr)


if __name__ == "__main__":
    main()
