# Lines for gaic eval on stdin: a 10 MB line (fine), a 17 MB line (beyond the 16 MiB
# document limit: an input error, skipped to its end), CRLF, and a last line without '\n'.
import sys

out = sys.stdout.buffer
head = b'{"at":"2024-06-01T10:00:00Z","customer":{"id":"c1","age":40},"channel":"web","amount":1,'
item = b'"' + b"x" * 98 + b'"'
out.write(head + b'"items":[' + b",".join([item] * 100000) + b"]}\n")
out.write(head + b'"items":[' + b",".join([item] * 170000) + b"]}\n")
out.write(head + b'"items":["a"]}\r\n')
out.write(head + b'"items":["a","b","c","d","e"]}')
