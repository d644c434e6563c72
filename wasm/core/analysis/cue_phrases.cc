// Phrase tables for the support cues. Weights are hand-set from reading
// support chats: a phrase that means the cue on its own ("cancel my account")
// is 0.8+, a word that only hints at it ("review", "again") is 0.3-0.4, and
// below 0.3 ("today", "still", "tweet") a hint never makes a cue on its own
// (kMinCueStrength in cues.cc) but adds to others.
// Several hits combine as 1 - prod(1 - w) in cues.cc.
#include "analysis/cue_phrases.h"

namespace rapport {

const char* const kCueIds[kCueKindCount] = {
    "urgency", "churn_risk", "escalation", "repeat_contact", "confusion", "gratitude"};

namespace {
constexpr CueKind U = CueKind::Urgency;
constexpr CueKind C = CueKind::ChurnRisk;
constexpr CueKind E = CueKind::Escalation;
constexpr CueKind R = CueKind::RepeatContact;
constexpr CueKind F = CueKind::Confusion;  // "foggy": confusion
constexpr CueKind G = CueKind::Gratitude;
}  // namespace

#define M(cue, w, words) {cue, w, false, words}
#define B(cue, words) {cue, 0.f, true, words}

const CuePhrase kCuePhrases[] = {
    // --- urgency: time pressure ---
    M(U, .8f, "asap"), M(U, .8f, "urgent"), M(U, .8f, "urgently"), M(U, .7f, "immediately"),
    M(U, .6f, "right now"), M(U, .6f, "right away"), M(U, .5f, "straight away"),
    M(U, .25f, "today"), M(U, .25f, "tonight"), M(U, .55f, "need it today"),
    M(U, .55f, "need this today"), M(U, .5f, "by today"), M(U, .5f, "by tonight"), M(U, .85f, "emergency"), M(U, .5f, "deadline"),
    M(U, .8f, "as soon as possible"), M(U, .7f, "as fast as possible"),
    M(U, .7f, "time sensitive"), M(U, .7f, "time-sensitive"), M(U, .5f, "critical"),
    M(U, .6f, "hurry"), M(U, .4f, "rush"), M(U, .35f, "quickly"), M(U, .5f, "by tomorrow"),
    M(U, .6f, "by end of day"), M(U, .5f, "eod"), M(U, .6f, "within the hour"),
    M(U, .6f, "running out of time"), M(U, .6f, "can't wait any longer"),
    M(U, .6f, "cant wait any longer"), M(U, .7f, "need it now"), M(U, .7f, "need this now"),
    M(U, .7f, "need help now"), M(U, .8f, "life or death"),
    // Access at stake (the guidelines' "money or access at stake"): a
    // customer locked out of an account cannot wait for a queue.
    M(U, .7f, "locked out"), M(U, .6f, "lock out"), M(U, .6f, "can't log in"), M(U, .6f, "cant log in"),
    M(U, .6f, "can't login"), M(U, .6f, "cant login"), M(U, .6f, "cannot log in"), M(U, .6f, "can't sign in"),
    M(U, .6f, "cant sign in"), M(U, .6f, "can't get into"), M(U, .6f, "cant get into"),
    M(U, .55f, "can't access"), M(U, .55f, "cant access"), M(U, .55f, "cannot access"),
    M(U, .5f, "unable to log"), M(U, .5f, "unable to sign"), M(U, .5f, "unable to access"),
    M(U, .5f, "not letting me log"), M(U, .5f, "not letting me in"), M(U, .5f, "recover my account"),
    M(U, .5f, "account back"), M(U, .45f, "account recovery"), M(U, .4f, "reset my password"),
    M(U, .45f, "verification code"), M(U, .4f, "2-step verification"), M(U, .4f, "two step verification"),
    M(U, .4f, "2 step verification"), M(U, .4f, "two-factor"), M(U, .4f, "authenticator"),
    // Security and fraud: loss is happening now.
    M(U, .75f, "hacked"), M(U, .7f, "compromised"), M(U, .75f, "stolen"), M(U, .8f, "fraud"),
    M(U, .7f, "fraudulent"), M(U, .6f, "unauthorized"), M(U, .6f, "someone logged"),
    M(U, .6f, "someone is trying"), M(U, .6f, "someone trying"), M(U, .6f, "logging into my"),
    M(U, .5f, "suspended my"), M(U, .45f, "account suspended"), M(U, .45f, "account disabled"),
    M(U, .45f, "terminated my"),
    // Money at stake: charged without getting what was paid for.
    M(U, .45f, "charged me"), M(U, .45f, "got charged"), M(U, .6f, "still charged"),
    M(U, .6f, "still got charged"), M(U, .6f, "charged twice"), M(U, .6f, "double charged"),
    M(U, .35f, "didn't receive"), M(U, .35f, "didnt receive"), M(U, .35f, "haven't received"),
    M(U, .5f, "took my money"), M(U, .45f, "lost my"), M(U, .5f, "lost all"),
    // A plea alone is a hint (many are calm requests); with an access or
    // money hint it makes the cue.
    M(U, .25f, "please help"), M(U, .3f, "help me please"), M(U, .5f, "send help"),
    M(U, .2f, "need help"), M(U, .3f, "tomorrow"), M(U, .3f, "this morning"), M(U, .7f, "stranded"),
    // Account-access hints: weak alone, a cue together ("can't ... log in ... password").
    M(U, .25f, "password"), M(U, .2f, "login"), M(U, .2f, "log in"), M(U, .25f, "log into"),
    M(U, .2f, "sign in"), M(U, .25f, "sign into"), M(U, .25f, "signing in"), M(U, .45f, "logged out"),
    M(U, .45f, "signed out"), M(U, .2f, "access"), M(U, .3f, "recover"), M(U, .3f, "recovering"),
    M(U, .25f, "verify"), M(U, .3f, "verification"), M(U, .3f, "authentication"), M(U, .35f, "denied"),
    M(U, .5f, "charging me"), M(U, .3f, "losing"), M(U, .05f, "my account"), M(U, .5f, "someone signed"),
    M(U, .5f, "someone has been using"), M(U, .5f, "someone got into"),
    B(U, "not urgent"), B(U, "no rush"), B(U, "no hurry"), B(U, "not in a hurry"),
    B(U, "not critical"),

    // --- churn risk: leaving the company ---
    M(C, .85f, "cancel my account"), M(C, .85f, "cancel my subscription"),
    M(C, .85f, "cancel my membership"), M(C, .8f, "cancel my plan"),
    M(C, .8f, "cancel my service"), M(C, .8f, "cancel my contract"),
    M(C, .8f, "cancel the subscription"), M(C, .8f, "cancel subscription"),
    M(C, .8f, "cancel account"), M(C, .4f, "cancelling my"), M(C, .4f, "canceling my"),
    M(C, .8f, "cancelling my subscription"), M(C, .8f, "canceling my subscription"),
    M(C, .8f, "cancelling my account"), M(C, .8f, "canceling my account"),
    M(C, .8f, "cancelling my membership"), M(C, .8f, "canceling my membership"),
    M(C, .35f, "cancel"), M(C, .85f, "close my account"), M(C, .85f, "closing my account"),
    M(C, .8f, "delete my account"), M(C, .7f, "switch to @"), M(C, .7f, "switching to @"),
    M(C, .7f, "switch to another"), M(C, .7f, "switching to another"),
    M(C, .7f, "switch to a different"), M(C, .7f, "switch providers"),
    M(C, .7f, "switching providers"), M(C, .7f, "switch carriers"),
    M(C, .9f, "take my business elsewhere"), M(C, .9f, "taking my business elsewhere"),
    M(C, .6f, "go elsewhere"), M(C, .6f, "going elsewhere"),
    M(C, .8f, "never buying again"), M(C, .85f, "never buying from you again"),
    M(C, .85f, "never buy from you again"), M(C, .85f, "never order from you again"),
    M(C, .8f, "never ordering again"), M(C, .8f, "never shopping here again"),
    M(C, .8f, "never using you again"), M(C, .8f, "never use you again"),
    M(C, .6f, "never again"), M(C, .6f, "unsubscribe"), M(C, .8f, "done with you"),
    M(C, .75f, "done with your"), M(C, .8f, "done with this company"), M(C, .5f, "i'm done"),
    M(C, .5f, "im done"), M(C, .8f, "won't be renewing"), M(C, .75f, "not renewing"),
    M(C, .8f, "will not renew"), M(C, .8f, "won't renew"),
    M(C, .75f, "find another provider"), M(C, .75f, "find another company"),
    M(C, .6f, "looking for another"), M(C, .85f, "lost a customer"),
    M(C, .9f, "lost a loyal customer"), M(C, .6f, "former customer"),

    // --- escalation: legal, public, manager, payment disputes ---
    M(E, .85f, "lawyer"), M(E, .85f, "lawyers"), M(E, .85f, "attorney"), M(E, .8f, "sue"),
    M(E, .8f, "suing"), M(E, .9f, "legal action"),
    M(E, .85f, "small claims"), M(E, .9f, "lawsuit"), M(E, .3f, "legal"), M(E, .35f, "court"),
    M(E, .8f, "class action"), M(E, .7f, "consumer protection"), M(E, .6f, "ftc"),
    M(E, .3f, "review"), M(E, .7f, "bad review"), M(E, .7f, "negative review"),
    M(E, .55f, "leave a review"), M(E, .55f, "write a review"), M(E, .6f, "1 star"), M(E, .6f, "zero stars"), M(E, .6f, "0 stars"),
    M(E, .6f, "one star"), M(E, .25f, "twitter"), M(E, .25f, "tweet"), M(E, .5f, "tweeting"),
    M(E, .45f, "on twitter"), M(E, .5f, "tweet about"), M(E, .55f, "post on twitter"),
    M(E, .6f, "post about"), M(E, .5f, "post this"), M(E, .5f, "posting this"),
    M(E, .75f, "bbb"), M(E, .8f, "better business bureau"), M(E, .7f, "trustpilot"),
    M(E, .6f, "yelp"), M(E, .35f, "facebook"), M(E, .6f, "social media"),
    M(E, .7f, "go public"), M(E, .7f, "going public"), M(E, .6f, "tell everyone"),
    M(E, .6f, "warn others"), M(E, .7f, "supervisor"), M(E, .6f, "manager"),
    M(E, .75f, "speak to someone in charge"), M(E, .7f, "someone in charge"),
    M(E, .8f, "speak to your manager"), M(E, .8f, "speak to a manager"),
    M(E, .8f, "talk to a manager"), M(E, .7f, "escalate"), M(E, .7f, "escalating"),
    M(E, .6f, "higher up"), M(E, .6f, "higher-up"), M(E, .4f, "corporate"),
    M(E, .75f, "report you"), M(E, .75f, "reporting you"), M(E, .6f, "report this"),
    M(E, .8f, "chargeback"), M(E, .7f, "charge back"), M(E, .65f, "dispute"),
    M(E, .7f, "disputing"), M(E, .75f, "file a complaint"), M(E, .8f, "formal complaint"),
    M(E, .8f, "ombudsman"), M(E, .7f, "regulator"), M(E, .6f, "fcc"),
    B(E, "under review"), B(E, "please review"), B(E, "review my"), B(E, "review the"),
    B(E, "thanks for the review"),

    // --- repeat contact: asked before, still not solved ---
    M(R, .85f, "#th time"), M(R, .55f, "second time"), M(R, .55f, "2nd time"),
    M(R, .35f, "again"), M(R, .55f, "once again"), M(R, .6f, "yet again"),
    M(R, .25f, "still"), M(R, .7f, "still waiting"), M(R, .6f, "still not"),
    M(R, .6f, "still no"), M(R, .65f, "still haven't"), M(R, .65f, "still hasn't"),
    M(R, .65f, "still havent"), M(R, .65f, "still hasnt"), M(R, .5f, "still don't"),
    M(R, .55f, "still doesn't"), M(R, .55f, "still isn't"), M(R, .55f, "still can't"),
    M(R, .65f, "still broken"), M(R, .65f, "still nothing"), M(R, .55f, "still happening"),
    M(R, .5f, "still the same"), M(R, .5f, "still getting"),
    M(R, .75f, "already told"), M(R, .6f, "already said"), M(R, .75f, "already called"),
    M(R, .75f, "already contacted"), M(R, .75f, "already emailed"),
    M(R, .75f, "already explained"), M(R, .55f, "already sent"), M(R, .65f, "already spoke"),
    M(R, .5f, "already tried"), M(R, .8f, "keep having to"), M(R, .6f, "keep calling"),
    M(R, .6f, "kept calling"), M(R, .65f, "multiple times"), M(R, .6f, "several times"),
    M(R, .5f, "many times"), M(R, .65f, "so many times"), M(R, .65f, "numerous times"),
    M(R, .75f, "countless times"), M(R, .8f, "called # times"), M(R, .8f, "called you # times"),
    M(R, .8f, "contacted you # times"), M(R, .8f, "contacted # times"),
    M(R, .8f, "emailed # times"), M(R, .7f, "# times now"), M(R, .7f, "# times already"),
    M(R, .65f, "over and over"), M(R, .6f, "repeatedly"), M(R, .5f, "every single time"),
    M(R, .45f, "following up"), M(R, .6f, "keep telling"),
    B(R, "thanks again"), B(R, "thank you again"), B(R, "again thanks"),
    B(R, "never again"), B(R, "never * again"), B(R, "never * * again"),
    B(R, "never * * * again"), B(R, "still love"), B(R, "still like"),
    B(R, "still enjoy"),

    // --- confusion ---
    M(F, .75f, "i don't understand"), M(F, .75f, "i dont understand"),
    M(F, .7f, "don't understand"), M(F, .7f, "dont understand"),
    M(F, .7f, "do not understand"), M(F, .6f, "can't understand"), M(F, .75f, "confused"),
    M(F, .65f, "confusing"), M(F, .75f, "what does this mean"),
    M(F, .75f, "what does that mean"), M(F, .7f, "what does it mean"),
    M(F, .6f, "what do you mean"), M(F, .7f, "makes no sense"), M(F, .7f, "make no sense"),
    M(F, .7f, "doesn't make sense"), M(F, .7f, "doesnt make sense"),
    M(F, .7f, "does not make sense"), M(F, .65f, "not making sense"), M(F, .45f, "how do i"),
    M(F, .35f, "how can i"), M(F, .55f, "not sure how"), M(F, .5f, "not sure what"),
    M(F, .55f, "no idea how"), M(F, .55f, "no idea what"), M(F, .55f, "unclear"),
    M(F, .55f, "i'm lost"), M(F, .55f, "im lost"), M(F, .6f, "what am i supposed to"),
    M(F, .5f, "what should i do"), M(F, .65f, "puzzled"), M(F, .6f, "baffled"),
    M(F, .4f, "huh"),

    // --- gratitude ---
    M(G, .8f, "thank you"), M(G, .7f, "thanks"), M(G, .6f, "thank"), M(G, .6f, "thx"),
    M(G, .6f, "thanx"), M(G, .8f, "thankyou"), M(G, .8f, "tysm"), M(G, .65f, "appreciate"),
    M(G, .6f, "appreciated"), M(G, .8f, "really appreciate"), M(G, .8f, "much appreciated"),
    M(G, .8f, "grateful"), M(G, .75f, "thankful"), M(G, .85f, "lifesaver"),
    M(G, .85f, "life saver"), M(G, .7f, "you're the best"), M(G, .6f, "you rock"),
    M(G, .8f, "many thanks"), M(G, .85f, "thanks so much"), M(G, .9f, "thank you so much"),
    M(G, .6f, "\xF0\x9F\x99\x8F"),  // folded hands emoji
    B(G, "thanks for nothing"), B(G, "thank you for nothing"), B(G, "thanks a lot for nothing"),
    B(G, "no thanks"), B(G, "no thank you"), B(G, "thanks for wasting"),
    B(G, "thank you for wasting"), B(G, "thanks for ruining"), B(G, "thank you for ruining"),
    B(G, "thanks for the runaround"), B(G, "thanks for nothin"),
    B(G, "thanks but no thanks"), B(G, "thanks a lot for wasting"),
};

#undef M
#undef B

const int kCuePhraseCount = sizeof(kCuePhrases) / sizeof(kCuePhrases[0]);

}  // namespace rapport
