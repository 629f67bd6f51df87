/**
 * Every Vietnamese syllable as the orthography writes it, lower case and
 * NFC: onset × rhyme × tone, by rule. It over-generates a little (a few
 * combinations no word uses), which only wastes a code. The record codec's
 * syllable codes (syllable-codes.ts) are numbered from this list, so it is
 * part of the stored layout: tests pin its digest, and changing it means a
 * new record layout.
 */
const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gh', 'gi', 'h', 'k', 'kh', 'l', 'm', 'n', 'ng', 'ngh', 'nh', 'p', 'ph', 'qu', 'r', 's', 't', 'th', 'tr', 'v', 'x'];

/** Rhymes; `*` stands before the vowel that carries the tone mark. `oa`, `oe`, `uy` are written both ways (hòa, hoà). */
const RHYMES = `
*a *ai *ao *au *ay *am *an *ang *anh *ap *at *ac *ach *ăm *ăn *ăng *ăp *ăt *ăc *âm *ân *âng *âp *ât *âc *âu *ây
*e *eo *em *en *eng *ep *et *ec *ê *êu *êm *ên *ênh *êp *êt *êch
*i *ia *iu *im *in *inh *ip *it *ich i*êm i*ên i*êng i*êp i*êt i*êc i*êu
*o *oi *om *on *ong *op *ot *oc o*ong o*oc *ô *ôi *ôm *ôn *ông *ôp *ôt *ôc *ơ *ơi *ơm *ơn *ơp *ơt
*u *ua *ui *um *un *ung *up *ut *uc u*ôi u*ôm u*ôn u*ông u*ôt u*ôc
*ư *ưa *ưi *ưu *ưng *ưt *ưc *ưm *ưn ư*ơi ư*ơu ư*ơm ư*ơn ư*ơng ư*ơp ư*ơt ư*ơc
*y y*êm y*ên y*êt y*êu
o*a *oa o*ai o*ay o*an o*ang o*anh o*at o*ac o*ach o*ăm o*ăn o*ăng o*ăt o*ăc o*e *oe o*en o*et o*eo
u*ê u*ênh u*êch u*ân u*âng u*ât u*ây u*y *uy u*ya uy*ên uy*êt u*yt u*ynh u*ych u*yu u*ơ
`.trim().split(/\s+/);

/** Each vowel with its six tones: ngang, huyền, sắc, hỏi, ngã, nặng. */
const TONED: Record<string, string> = Object.fromEntries(
  ['aàáảãạ', 'ăằắẳẵặ', 'âầấẩẫậ', 'eèéẻẽẹ', 'êềếểễệ', 'iìíỉĩị', 'oòóỏõọ', 'ôồốổỗộ', 'ơờớởỡợ', 'uùúủũụ', 'ưừứửữự', 'yỳýỷỹỵ'].map((t) => [t[0] as string, t]),
);
/** A rhyme closed by p, t, c or ch takes only sắc and nặng. */
const STOP = /(?:p|t|c|ch)$/;
const STOP_TONES = [2, 5];
const ALL_TONES = [0, 1, 2, 3, 4, 5];

export function vietnameseSyllables(): string[] {
  const out = new Set<string>();
  for (const onset of ONSETS) {
    for (const rhyme of RHYMES) {
      const at = rhyme.indexOf('*');
      const plain = rhyme.replace('*', '');
      const toned = TONED[plain[at] as string] as string;
      for (const tone of STOP.test(plain) ? STOP_TONES : ALL_TONES) {
        out.add(onset + plain.slice(0, at) + (toned[tone] as string) + plain.slice(at + 1));
      }
    }
  }
  return [...out];
}
