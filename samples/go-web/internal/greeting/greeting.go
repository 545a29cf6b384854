// Package greeting holds the text the server answers with.
package greeting

// Text is the body of the answer on "/".
func Text() string {
	return "Hello from a multi-stage Go image!"
}
