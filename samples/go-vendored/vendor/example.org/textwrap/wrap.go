// Package textwrap breaks text into lines no longer than a given width, at spaces.
package textwrap

import "strings"

// Wrap returns text with its words joined by spaces and broken into lines of at most width
// characters; a word longer than width gets a line of its own.
func Wrap(text string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		switch {
		case line == "":
			line = word
		case len(line)+1+len(word) <= width:
			line += " " + word
		default:
			lines = append(lines, line)
			line = word
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
