package store

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"

	"tandem/survey"
)

// minSealedSize is the least size of a sealed response's plaintext; larger
// ones are padded to the next power of two, so that the length of a
// sealed blob tells little about the answers inside.
const minSealedSize = 1024

// sealedResponse is what a pending anonymous response holds under its
// seal: the attributes and answers of the response, and neither a time nor
// an ID. The survey's cohort and phase, the response's ID and its constant
// time are added when it is released.
type sealedResponse struct {
	Role       string          `json:"r"`
	Department string          `json:"d"`
	Generation string          `json:"g"`
	Region     string          `json:"x"`
	Language   string          `json:"l"`
	Answers    []survey.Answer `json:"a"`
}

func (s *Store) aead() (cipher.AEAD, error) {
	if s.key == nil {
		return nil, ErrNoKey
	}
	block, err := aes.NewCipher(s.key.sealingKey())
	if err != nil {
		return nil, fmt.Errorf("sealing key: %w", err)
	}
	return cipher.NewGCM(block)
}

// seal encrypts r with AES-256-GCM under the sealing key and a random
// nonce, bound to its survey (the survey ID is authenticated data, so a
// blob moved to another survey does not open). The result is the nonce
// followed by the ciphertext.
func (s *Store) seal(surveyID string, r sealedResponse) ([]byte, error) {
	aead, err := s.aead()
	if err != nil {
		return nil, err
	}
	body, err := json.Marshal(r)
	if err != nil {
		return nil, fmt.Errorf("seal response: %w", err)
	}
	size := minSealedSize
	for size < 4+len(body) {
		size *= 2
	}
	plain := make([]byte, size)
	binary.BigEndian.PutUint32(plain, uint32(len(body)))
	copy(plain[4:], body)
	nonce := make([]byte, aead.NonceSize(), aead.NonceSize()+size+aead.Overhead())
	rand.Read(nonce)
	return aead.Seal(nonce, nonce, plain, []byte(surveyID)), nil
}

// open decrypts a blob made by seal for surveyID.
func (s *Store) open(surveyID string, sealed []byte) (sealedResponse, error) {
	var r sealedResponse
	aead, err := s.aead()
	if err != nil {
		return r, err
	}
	if len(sealed) < aead.NonceSize() {
		return r, errors.New("open sealed response: too short")
	}
	nonce, ct := sealed[:aead.NonceSize()], sealed[aead.NonceSize():]
	plain, err := aead.Open(nil, nonce, ct, []byte(surveyID))
	if err != nil {
		return r, fmt.Errorf("open sealed response: %w", err)
	}
	if len(plain) < 4 {
		return r, errors.New("open sealed response: too short")
	}
	n := binary.BigEndian.Uint32(plain)
	if int64(n) > int64(len(plain)-4) {
		return r, errors.New("open sealed response: bad length")
	}
	if err := json.Unmarshal(plain[4:4+n], &r); err != nil {
		return r, fmt.Errorf("open sealed response: %w", err)
	}
	return r, nil
}
