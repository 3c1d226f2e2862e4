"""Every kind of problem the generator reports, with what it means for an editor: the table
CONTRIBUTING.md's error section is made from."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True, slots=True)
class Rule:
    summary: str
    # What the problem means and how to fix it, for the editors, in their language.
    advice: str


# Every kind of problem the generator reports. Each has a fixture under tests/fixtures/errors/
# (or, for the few that need a generated file, a test of its own), and CONTRIBUTING.md explains it.
RULES: Mapping[str, Rule] = MappingProxyType(
    {
        "missing-file": Rule("the data file does not exist", "找不到数据文件：检查文件路径是否正确。"),
        "file-too-large": Rule(
            "the file is larger than any plan needs",
            "文件过大：本方案的数据不到1 MB，即使5000项措施的方案也只有约7 MB，"
            "可能误粘贴了大段内容，请检查最近的修改。",
        ),
        "bom": Rule(
            "the file starts with a UTF-8 byte-order mark",
            "文件开头带有BOM标记：在编辑器中另存为“UTF-8（无BOM）”编码。",
        ),
        "not-utf8": Rule("the file is not UTF-8", "文件不是UTF-8编码（可能保存成了GBK）：在编辑器中另存为UTF-8编码。"),
        "empty-file": Rule(
            "the file holds no data",
            "文件是空的（或只有注释）：如果刚保存过，可能是编辑器还没写完，再保存一次即可；如果内容确实丢失，"
            "先用编辑器的“撤销”找回，或用 git diff 查看改动。不要直接运行 git checkout，它会丢掉未提交的修改。",
        ),
        "tab": Rule(
            "a tab character",
            "文件里有Tab字符：YAML只认空格，行首缩进、冒号之后、注释之前都要用空格（缩进每级两个空格）。"
            "编辑器可以设置成按Tab键时输入空格。",
        ),
        "full-width": Rule(
            "full-width punctuation or space where YAML needs ASCII",
            "YAML的结构符号只认半角：字段名后的冒号、列表的方括号和逗号、引号、缩进的空格、数字都要在英文（半角）"
            "状态下输入。中文输入法下按Shift或Ctrl+空格切换；文字内容里的中文标点不受影响。",
        ),
        "colon-space": Rule(
            "a field name run into its value with no space after the colon",
            "字段名和值之间要写“半角冒号加空格”，如 year: 2025；少了空格，YAML会把整行读成一段文字。",
        ),
        "reserved-start": Rule(
            "a plain value that starts with a character YAML reserves",
            "值以 % @ ` * & 开头时，YAML会把开头的符号当作指令、别名或锚点，而不是文字：给整个值加上半角引号，"
            '如 "%5左右"。',
        ),
        "cut-by-comment": Rule(
            'a plain text that goes on after " #", which YAML drops as a comment',
            "文字中间的“ #”（空格加#）在 YAML 里是注释的开始，后面的字不会出现在网站上：给整个值加上引号；"
            "如果本来就是注释，在 # 后面空一格。",
        ),
        "unclosed-quote": Rule(
            "a quote opened and never closed",
            "引号要成对，而且两头都用半角引号：\"…\" 或 '…'；开头是半角、结尾是中文引号也算没有闭合。",
        ),
        "yaml-syntax": Rule(
            "the file is not valid YAML",
            "YAML格式错误：检查提示位置和它上一行：字段名后面是半角冒号加空格；文字里有“冒号加空格”或以特殊符号"
            "开头时，给整个值加上引号；引号、括号要成对；同一级的字段左端对齐。",
        ),
        "nesting": Rule(
            "the file nests deeper than the parser allows", "文件嵌套层级过深：检查是否有大量未闭合的括号。"
        ),
        "alias": Rule(
            "an anchor (&) is repeated by an alias (*)", "不允许使用锚点（&）和别名（*）：把被引用的内容完整写出来。"
        ),
        "tag": Rule("a value carries a YAML tag (!!…)", "不允许使用以“!!”开头的标签：删除标签，只保留内容。"),
        "bad-key": Rule("a key is not a plain name", "字段名必须是普通文字：删除“<<”合并写法或复杂键。"),
        "duplicate-key": Rule(
            "a key appears twice in one record", "同一条记录中某个字段写了两次：删除其中一个，只保留正确的那一个。"
        ),
        "unknown-key": Rule(
            "a field the schema does not know", "字段名拼写有误或不属于这条记录：按提示改正拼写，或删除该字段。"
        ),
        "missing-field": Rule("a required field is missing", "缺少必填字段：按提示补上该字段。"),
        "wrong-type": Rule(
            "a value of the wrong type", "内容类型不对：单位等列表要写成 [a, b] 形式；年份、数值不要加引号。"
        ),
        "bad-value": Rule(
            "a value of the wrong form (an id, a date, an empty text)",
            "内容格式不对：编号只能用小写英文字母、数字和连字符（如 industry-it、m16）；"
            "日期写成 2024-06-21；文字不能为空。",
        ),
        "not-allowed": Rule("a value outside a closed list", "只能从提示列出的几个取值中选一个。"),
        "out-of-range": Rule("a number outside its range", "数值超出允许范围（例如目标值不能为负数）：请核对原文。"),
        "empty-list": Rule("a list that must not be empty is empty", "该列表不能为空：例如每项措施至少要有一个专题。"),
        "repeated-item": Rule("a list names an item twice", "列表中有重复项：删除重复的那一个。"),
        "too-long": Rule(
            "an id, a line of text, a paragraph or a note is longer than allowed",
            "内容过长：编号不超过40个字符；标题、名称、指标等一行的文字不超过200字，正文段落不超过2000字；"
            "进度说明（note）不超过200字，详细情况请放在佐证材料链接中。",
        ),
        "schema": Rule(
            "any other schema violation", "数据结构不符合要求：对照 schema/measures.schema.json 检查该字段。"
        ),
        "duplicate-id": Rule(
            "two records share an id", "编号重复：编号是网址的一部分，必须唯一。新增的记录请换一个未使用的编号。"
        ),
        "reserved-id": Rule(
            "an id that would give a page or file the path of another, or a name Windows reserves",
            "编号会成为网址、文件名和页面锚点的一部分：index、all 这类编号会与网站固定页面重名，notice、targets "
            "这类编号会与页面上固定的锚点重名，con、nul 等是 Windows 保留的文件名。请换一个编号。",
        ),
        "duplicate-number": Rule(
            "two chapters or measures share a number", "序号重复：每个部分、每项措施的序号只能出现一次。"
        ),
        "numbering": Rule(
            "numbers do not run 1, 2, 3… in document order",
            "序号必须按原文顺序从1开始连续编排：检查是否漏排、跳号或顺序颠倒。",
        ),
        "chapter-order": Rule(
            "a measure stands before the chapter of the measure above it",
            "措施的顺序与所属部分的顺序不一致：措施应按原文顺序排列，核对 chapter 字段。",
        ),
        "unknown-reference": Rule(
            "a reference to a department, chapter, topic, measure or document that does not exist",
            "引用了不存在的编号：按提示改正拼写；如果确需新单位或新专题，先在 departments 或 topics 中添加。",
        ),
        "unknown-alias": Rule(
            "a spelling that is not an alias of the department",
            "written_as 中的写法不是该单位登记的别名：先把这个写法加到该单位的 aliases 中。",
        ),
        "role-conflict": Rule(
            "lead, supporting and responsible departments that contradict each other",
            "单位分工有矛盾：同一单位不能既牵头又配合；“责任单位”不能与牵头、配合单位同时出现；"
            "有配合单位就必须有牵头单位。",
        ),
        "unused-topic": Rule(
            "a topic no measure uses", "专题没有被任何措施使用：给相关措施加上该专题，或删除这个专题。"
        ),
        "duplicate-name": Rule(
            "two departments share a name or alias",
            "两个单位使用了相同的名称或别名：同一单位请合并为一条，不同单位请改正名称。",
        ),
        "year-span": Rule("the plan's span of target years runs backwards", "方案期限的起始年份晚于结束年份：请改正。"),
        "target-year": Rule(
            "a target year outside the plan's span or its goal's year",
            "目标年份超出方案期限，或与所在目标段落的年份不一致：对照原文核对年份。",
        ),
        "baseline-year": Rule(
            "a baseline year that is not before the target year",
            "基准年份（如“较2023年”中的2023）必须早于目标年份：对照原文核对。",
        ),
        "target-id": Rule(
            "a target id that does not start with its owner's id",
            "目标编号必须以所属措施或目标段落的编号开头（如 m16-t1、g2025-t3）：请改正编号。",
        ),
        "target-clause": Rule(
            "a target's clause that is not in the text it belongs to",
            "目标的原文（text）必须与所属措施正文中的文字完全一致：从正文中原样复制，不要增删改任何字。",
        ),
        "bad-date": Rule(
            "a date that does not exist, publication or the data's as-of date before signature, or a correction "
            "dated outside the plan's published life",
            "日期不存在；或发布日期、数据截至日期（progress.as_of）早于成文日期；或更正日期早于发布日期、"
            "晚于数据截至日期：核对日期。",
        ),
        "progress-date": Rule(
            "a progress report dated before the plan, after the data's as-of date, or out of order",
            "进度记录的日期有误：不能早于方案成文日期，不能晚于 progress.as_of（数据截至日期），"
            "同一目标的记录按日期从早到晚排列、每个日期一条。新增报告时请同时把 as_of 改为最新日期。",
        ),
        "missed-early": Rule(
            "a target reported 未按期完成 before its year is over",
            "目标年份尚未结束，不能报告“未按期完成”：年内未完成的请报告“推进中”或“未启动”。",
        ),
        "measure-completed": Rule(
            "a measure reported 已完成 while one of its targets is not",
            "有目标的措施，要等它的目标全部报告“已完成”，措施才能报告“已完成”：先在目标的 progress 中报告完成，"
            "或把措施的状态写成“推进中”；长期性的工作写“持续推进”。",
        ),
        "not-faithful": Rule(
            "a text that differs from the official text in data/source/",
            "数据中的文字与原文不一致：网站上的每个字都必须与原文相同。照原文改正；如果确实需要更正原文的错误，"
            "在该项措施的 corrections 中写明日期（date）、原因（note）、"
            "原文的文字（official）和更正后的文字（corrected）。",
        ),
        "department-name": Rule(
            "a department named otherwise than the official text names it",
            "措施的单位括注必须照原文写出单位的名称：名称改错了的，照原文改回；单位在方案印发后更名的，name 写新名称，"
            "在 former_names 中登记原文的名称和更名日期（date），网站按原文显示措施、按新名称显示单位；原文在个别措施中"
            "用了另一种写法的，把它加到单位的 aliases 中，并在那项措施中用 written_as 注明。",
        ),
        "rename-date": Rule(
            "a department's rename dated outside the plan's life, or out of order",
            "单位更名的日期（former_names 中的 date）不能早于方案的成文日期（更名在方案印发之前的，原文写的就是新名称，"
            "不用登记），不能晚于数据截至日期（progress.as_of）；更名不止一次的，按日期从早到晚排列。",
        ),
        "working-group": Rule(
            "a working group the cited measure does not set up, or one assigned to a measure's target",
            "专项工作组要照原文：名称和牵头单位都必须写在 working_groups.stated_in 所指措施的正文中；"
            "只有主要目标（第一部分）可以指定 working_group，措施的目标由措施的牵头单位负责。",
        ),
        "basis": Rule("a basis document that the preamble does not cite", "依据文件的文号没有出现在前言中：核对文号。"),
        "bad-character": Rule(
            "a control, zero-width or direction character, or a line break, in a text",
            "文字中有看不见的字符（控制字符、零宽字符、文字方向控制符）或换行：按提示删除它。"
            "这类字符常在从 Word、网页或聊天软件复制文字时带入，网站无法如实显示。",
        ),
        "document-date": Rule(
            "a related document or the plan's validity dated before the plan was signed or after the as-of date",
            "相关文件（documents）的日期和有效性（document.validity）的日期不能早于方案的成文日期，"
            "不能晚于数据截至日期（progress.as_of）：核对文件页面上的日期；新增文件时同时把 as_of 改为最新日期。",
        ),
        "verification-date": Rule(
            "a verification dated before the report it checks or after the data's as-of date",
            "核实（verification）的日期不能早于它核实的那条进度报告，也不能晚于数据截至日期（progress.as_of）：核对日期。",
        ),
        "verification-note": Rule(
            "a verification that finds a report 不属实 without saying why",
            "核实结果为“不属实”时，读者需要知道哪里不属实：在 verification 下写 note，说明核实发现的情况。",
        ),
        "validity": Rule(
            "a validity that does not name the amendment that changed it, or names one while in force",
            "有效性为已修订、已废止或已失效时，要用 by 写明修订、废止或替代本方案的文件（documents 中 kind 为 "
            "amendment 的文件编号），日期不早于该文件；现行有效时不写 by。",
        ),
        "search-term": Rule(
            "an everyday word listed twice, or standing for words the plan does not hold",
            "search_terms 中的日常用语每个只写一条；means 中的说法必须是方案原文"
            "（措施的标题、正文或目标）里出现的文字，或单位的名称，搜索才能把读者的用语引到原文或单位。",
        ),
        "ambiguous-number": Rule(
            "a number written in a form other than plain decimal digits, or not a finite number",
            "数值只有一种写法：阿拉伯数字，可带负号和小数点（如 50、-3、1.5）。050、+5、1e3、0x1F、.5、1:30、1_000、-0 "
            "这类写法在不同软件中读出的值不同，.nan、.inf 不是数；如果本来就是文字，请加引号。",
        ),
    }
)
