module example.com/quotes

go 1.23

require example.org/textwrap v1.2.0
